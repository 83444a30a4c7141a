// Generator for datasets/de-pii-redaction/items.jsonl: German office texts (Gesprächsnotizen, E-Mails,
// Protokolle, Aktenvermerke) with personal data that a redaction step must replace by placeholders.
// Texts are written with inline marks ⟦T|span⟧ (T = N name, A address, I IBAN, T phone, E e-mail,
// G birth date); the generator strips the marks and records each marked occurrence as a gold span, so
// every span occurs verbatim in the text. All persons, addresses, IBANs (valid check digits), phone
// numbers (ranges reserved for fiction) and e-mail addresses (.example) are invented.
// Run: npx tsx scripts/datasets/team/de-pii-redaction.ts
import { germanIban, groupIban, writeItems, type Row } from './lib';

export const PII_TYPES = { N: 'NAME', A: 'ADRESSE', I: 'IBAN', T: 'TELEFON', E: 'EMAIL', G: 'GEBURTSDATUM' } as const;

const ib = (blz: string, konto: string, grouped = true): string => (grouped ? groupIban(germanIban(blz, konto)) : germanIban(blz, konto));

type Src = [id: string, art: string, text: string];

const TEXTS: Src[] = [
  ['pii-001', 'Telefonnotiz', `Telefonnotiz 24.11., 10:15 Uhr
Anruf von ⟦N|Sabine Möllenkamp⟧, Mieterin im 2. OG links. Die Heizung im Bad bleibt kalt, seit Freitag. Sie ist tagsüber unter ⟦T|0221 4710 377⟧ erreichbar. Handwerker bitte vorher anmelden, sie hat einen Hund.
Weitergeleitet an Haustechnik, Ticket 4471.`],
  ['pii-002', 'E-Mail', `Hallo Frau ⟦N|Brinkmann⟧,

wie besprochen hier meine neue Bankverbindung für die Rückerstattung der Nebenkosten: ⟦I|${ib('37040044', '0532013000')}⟧ bei der Commerzbank. Bitte ab sofort nur noch dieses Konto verwenden.

Viele Grüße
⟦N|Thomas Ebeling⟧`],
  ['pii-003', 'Patientenanmeldung', `Neuanmeldung Hausarztpraxis am Rosenplatz
Name: ⟦N|Katharina Wöhlert⟧
Geburtsdatum: ⟦G|14.07.1983⟧
Anschrift: ⟦A|Gartenstraße 18, 44139 Dortmund⟧
Telefon: ⟦T|0221 4710 244⟧
Krankenkasse: AOK NordWest
Grund des Besuchs: anhaltende Rückenschmerzen seit drei Wochen, keine Vorerkrankungen bekannt.`],
  ['pii-004', 'Aktenvermerk', `Aktenvermerk – Az. 214/26

Heute rief ⟦N|Frank Heidemann⟧ an und teilte mit, dass der Vermieter, ⟦N|Rolf Quast⟧, die Mängel in der Wohnung inzwischen teilweise beseitigt habe. Der Schimmel im Schlafzimmer sei aber weiterhin vorhanden. Herr ⟦N|Heidemann⟧ schickt bis Montag Fotos per Mail an das Sekretariat.

Sekretariat, 25.11.2026`],
  ['pii-005', 'Protokoll', `Protokoll der Eigentümerversammlung vom 12. November 2026, Beginn 18:30 Uhr
Anwesend: ⟦N|Ute Brandl⟧ (Verwaltungsbeirat), ⟦N|Gerhard Ohm⟧, ⟦N|Selin Aksoy⟧, Vertreter der Hausverwaltung Pröpper & Söhne.
TOP 1: Die Fassadensanierung wird mit 7 von 9 Stimmen beschlossen. Herr ⟦N|Ohm⟧ stimmt dagegen und bittet um Protokollierung seiner Bedenken zur Finanzierung.
TOP 2: Die Hausgeldabrechnung 2025 wird einstimmig genehmigt.`],
  ['pii-006', 'E-Mail', `Sehr geehrte Damen und Herren,

mein Name ist ⟦N|Dennis Krüger⟧, ich bin am ⟦G|3. Mai 1990⟧ geboren und wohne in der ⟦A|Rheinuferstraße 7, 55116 Mainz⟧. Ich möchte Auskunft nach Art. 15 DSGVO über alle bei Ihnen gespeicherten Daten zu meiner Person. Bitte senden Sie die Auskunft an ⟦E|d.krueger@mailbox.example⟧.

Mit freundlichen Grüßen
⟦N|Dennis Krüger⟧`],
  ['pii-007', 'Gesprächsnotiz', `Gesprächsnotiz Erstberatung Arbeitsrecht
Mandantin: ⟦N|Martina Oberholz⟧, seit 2015 als Sachbearbeiterin bei der Firma Lindner Logistik GmbH beschäftigt. Kündigung vom 23.11.2026, zugegangen am selben Tag. Betriebsrat wurde nach ihrer Aussage nicht angehört. Rechtsschutzversicherung: ARAG, Schadennummer liegt noch nicht vor.
Rückruf unter ⟦T|089 99998 341⟧ ab 17 Uhr.`],
  ['pii-008', 'Chat-Verlauf', `[09:02] Kundendienst: Guten Morgen, wie kann ich helfen?
[09:03] Kunde: Hallo, hier ist ⟦N|Jonas Pfeifer⟧, ich habe eine Frage zu meiner Bestellung 88213.
[09:03] Kundendienst: Gern. Können Sie mir zur Sicherheit Ihre E-Mail-Adresse nennen?
[09:04] Kunde: ⟦E|jonas.pfeifer@post.example⟧
[09:05] Kundendienst: Danke. Die Lieferung ist für Donnerstag geplant.`],
  ['pii-009', 'Überweisungsauftrag', `Bitte folgende Erstattung anweisen:
Empfänger: ⟦N|Helga Strothmann⟧
IBAN: ⟦I|${ib('25050180', '0910045768', false)}⟧
Betrag: 312,40 EUR
Verwendungszweck: Erstattung Kaution Whg. 3, Abrechnung 2025
Freigabe durch Buchhaltung am 26.11.2026.`],
  ['pii-010', 'Schadenmeldung', `Schadenmeldung Hausratversicherung, Vertrag HR-5520931

Am Sonntagabend wurde in unsere Wohnung in der ⟦A|Weserstraße 64, 28199 Bremen⟧ eingebrochen. Entwendet wurden ein Laptop, Schmuck und etwa 200 Euro Bargeld. Die Polizei hat den Vorfall unter dem Aktenzeichen 4312-26 aufgenommen.

Versicherungsnehmerin: ⟦N|Anke Siebert⟧, Telefon ⟦T|040 66969 158⟧`],
  ['pii-011', 'Bewerbung', `Sehr geehrte Frau Dr. ⟦N|Ahrens⟧,

hiermit bewerbe ich mich um die ausgeschriebene Stelle als Medizinische Fachangestellte. Ich bin am ⟦G|21.02.1996⟧ in Hagen geboren und habe meine Ausbildung 2016 abgeschlossen.

Sie erreichen mich unter ⟦T|0221 4710 873⟧ oder per E-Mail an ⟦E|l.yilmaz96@mailbox.example⟧.

Mit freundlichen Grüßen
⟦N|Leyla Yılmaz⟧
⟦A|Eichendorffweg 3, 58093 Hagen⟧`],
  ['pii-012', 'Notiz', `Rückrufbitte für Herrn ⟦N|Wolters⟧: Die Kollegin von Rechtsanwälte Dorn & Partner hat wegen der Fristverlängerung in der Sache ⟦N|Brauer⟧ ./. Stadtwerke angerufen. Sie bittet um Rückmeldung bis heute 16 Uhr. Die Nummer steht in der Akte.`],
  ['pii-013', 'E-Mail', `Hi ⟦N|Kathrin⟧,

kannst du bitte den Termin mit Herrn ⟦N|Albers⟧ auf Donnerstag verschieben? Er wohnt übrigens nicht mehr in Kiel, die neue Adresse ist ⟦A|Am Deich 21, 25813 Husum⟧. Seine Mobilnummer ist gleich geblieben (⟦T|040 66969 502⟧).

Danke dir!
⟦N|Piet⟧`],
  ['pii-014', 'Mitarbeiterdaten', `Änderungsmeldung Personalabteilung

Mitarbeiter: ⟦N|Sven Hollerbach⟧, Personalnummer 10442
Neue Anschrift ab 01.12.2026: ⟦A|Talweg 5a, 72070 Tübingen⟧
Neue Bankverbindung: ⟦I|${ib('64150020', '0002718430')}⟧ (Kreissparkasse Tübingen)
Steuerklasse bleibt unverändert.`],
  ['pii-015', 'Arztbrief (Auszug)', `Sehr geehrte Frau Kollegin,

wir berichten über Ihre Patientin ⟦N|Bettina Kolbe⟧, geb. ⟦G|27.11.1979⟧, die sich am 25.11.2026 in unserer radiologischen Praxis vorstellte. Die MRT des rechten Kniegelenks zeigt einen Korbhenkelriss des Innenmeniskus. Wir empfehlen eine zeitnahe orthopädische Vorstellung.

Mit kollegialen Grüßen
Radiologie am Park`],
  ['pii-016', 'Gesprächsnotiz', `Kundentermin Badsanierung, Besichtigung vor Ort am 19.11.
Kunde: ⟦N|Matthias Reuter⟧, ⟦A|Birkenweg 3a, 33602 Bielefeld⟧. Gästebad ca. 4 m², Wanne soll raus, bodengleiche Dusche 90x120. Fenster bleibt. Wunschtermin Umsetzung: März. Frau ⟦N|Reuter⟧ bevorzugt matte, große Fliesen in Grau.
Angebot bis Ende nächster Woche an ⟦E|reuter@praxis-reuter.example⟧.`],
  ['pii-017', 'Vereinsmitteilung', `Liebe Mitglieder,

zur Jahreshauptversammlung am 15. Januar 2027 um 19 Uhr im Vereinsheim laden wir herzlich ein. Anträge bitte bis zum 31. Dezember schriftlich beim Vorstand einreichen. Der Mitgliedsbeitrag für 2027 bleibt bei 48 Euro.

Der Vorstand des Lesefreunde Neustadt e. V.`],
  ['pii-018', 'Mahnung (Entwurf)', `Zahlungserinnerung

Herrn ⟦N|Klaus Brandtner⟧
⟦A|Lindenallee 40
26122 Oldenburg⟧

Sehr geehrter Herr ⟦N|Brandtner⟧,
zu unserer Rechnung 2026-0871 vom 02.10.2026 konnten wir bisher keinen Zahlungseingang feststellen. Bitte überweisen Sie den offenen Betrag von 1.284,50 € bis zum 10.12.2026.`],
  ['pii-019', 'Protokoll Teambesprechung', `Teambesprechung Kanzlei, 23.11.2026
Teilnehmende: Dr. ⟦N|Lenz⟧, ⟦N|Wolters⟧, ⟦N|Yilmaz⟧, ⟦N|Becker⟧
1. Neues Fristenbuch-Modul: Schulung am 2. Dezember, Pflicht für alle.
2. Urlaubsplanung Weihnachten: Frau ⟦N|Becker⟧ übernimmt die Notbesetzung am 28. und 29.12.
3. Die Kanzlei bleibt am 31.12. geschlossen.`],
  ['pii-020', 'E-Mail', `Guten Tag,

anbei die Unterlagen für meinen Vater, ⟦N|Heinrich Lüders⟧ (geb. ⟦G|02.09.1941⟧), für den ich eine Vorsorgevollmacht habe. Er wohnt inzwischen im Seniorenheim ⟦A|Haus Abendrot, Parkstraße 12, 29221 Celle⟧. Post bitte künftig an mich: ⟦A|Fuhrberger Straße 88, 30625 Hannover⟧.

Freundliche Grüße
⟦N|Claudia Lüders-Kamp⟧
⟦T|030 23125 219⟧`],
  ['pii-021', 'Telefonnotiz', `Rückruf erbeten: Herr ⟦N|Yıldız⟧ wegen Nachtrag Wallbox, Baustelle Ahornweg. Er möchte wissen, ob die Förderung der KfW noch beantragt werden kann. Erreichbar heute bis 18 Uhr unter ⟦T|089 99998 604⟧.`],
  ['pii-022', 'Kündigung', `⟦N|Lea Sommerfeld⟧
⟦A|Goethestraße 29, 60313 Frankfurt am Main⟧

An die Hausverwaltung Meyer GmbH

Kündigung des Mietvertrags über die Wohnung im 3. OG rechts

Sehr geehrte Damen und Herren,
hiermit kündige ich das Mietverhältnis fristgerecht zum 31.03.2027. Die Kaution bitte auf mein Konto ⟦I|${ib('50010517', '5407324210')}⟧ überweisen.

Mit freundlichen Grüßen
⟦N|Lea Sommerfeld⟧`],
  ['pii-023', 'Support-Ticket', `Ticket #55102 – Passwort zurücksetzen
Benutzer: ⟦N|Marvin Tietjen⟧ (Buchhaltung)
Rückmeldung an ⟦E|m.tietjen@gehrmann-bau.example⟧, interne Durchwahl 31.
Problem: Konto nach drei Fehlversuchen gesperrt. Entsperrt am 24.11. um 08:12 Uhr, Benutzer informiert.`],
  ['pii-024', 'Gesprächsnotiz Pflegeberatung', `Beratungsgespräch am 18.11.2026
Pflegebedürftige: ⟦N|Erika Baumann⟧, geboren ⟦G|11.12.1937⟧, Pflegegrad 3
Angehöriger: Sohn ⟦N|Ralf Baumann⟧, ⟦T|0221 4710 690⟧
Themen: Entlastungsbetrag, Verhinderungspflege, Hausnotruf. Herr ⟦N|Baumann⟧ wünscht schriftliche Infos zu Tagespflegeangeboten in Köln-Nippes.`],
  ['pii-025', 'Reisekostenabrechnung', `Reisekostenabrechnung November
Reisende: ⟦N|Petra Ahlers⟧
Ziel: Workshop bei der Stadtverwaltung Ulm, 12.–13.11.2026
Fahrtkosten Bahn 2. Klasse: 118,40 €; Übernachtung: 96,00 €
Erstattung auf ⟦I|${ib('50190000', '6100248835')}⟧`],
  ['pii-026', 'E-Mail', `Sehr geehrte Damen und Herren,

leider konnte der Paketbote mich gestern nicht antreffen. Bitte stellen Sie die Sendung künftig bei meiner Nachbarin Frau ⟦N|Grabowski⟧ zu, ⟦A|Lessingstraße 4, Erdgeschoss, 04109 Leipzig⟧. Ich selbst wohne im dritten Stock desselben Hauses.

Mit freundlichen Grüßen
⟦N|Jan-Erik Holtz⟧`],
  ['pii-027', 'Anamnesebogen (Auszug)', `Patient: ⟦N|Rüdiger Stahl⟧, ⟦G|19.06.1958⟧
Diagnosen: Diabetes mellitus Typ 2, insulinpflichtig seit 2019; arterielle Hypertonie
Medikation: Insulin glargin 24 IE abends, Metformin 1000 mg 1-0-1, Ramipril 5 mg 1-0-0
Notfallkontakt: Ehefrau ⟦N|Gisela Stahl⟧, ⟦T|040 66969 730⟧`],
  ['pii-028', 'Interne Mail', `Kurze Info an alle: Der Server-Umzug ins Rechenzentrum Frankfurt findet am Samstag, 5. Dezember, zwischen 8 und 14 Uhr statt. In dieser Zeit sind E-Mail und Dokumentenablage nicht erreichbar. Bei Problemen bitte an die IT-Hotline wenden. Danke für euer Verständnis!`],
  ['pii-029', 'Mandantenaufnahme', `Mandantenaufnahmebogen
Name, Vorname: ⟦N|Petersen, Jana⟧
Geburtsdatum: ⟦G|08.04.1992⟧
Anschrift: ⟦A|Möwenweg 4, 25746 Heide⟧
E-Mail: ⟦E|jana.petersen@mailbox.example⟧
Telefon: ⟦T|040 66969 287⟧
Gegner: Kreis Dithmarschen, Bußgeldstelle
Gegenstand: Einspruch gegen Bußgeldbescheid vom 17.11.2026`],
  ['pii-030', 'Gesprächsnotiz', `Notiz zum Gespräch mit der Schulleitung der Grundschule am Wall, 20.11.
Frau ⟦N|Okonkwo⟧ (Mutter von ⟦N|Ada Okonkwo⟧, Klasse 3b) bittet darum, dass ihre Tochter ab Januar an der Hausaufgabenbetreuung teilnimmt. Die Abholung übernimmt montags und mittwochs der Großvater, Herr ⟦N|Bauer⟧. Notfallnummer der Mutter: ⟦T|069 90009 531⟧.`],
  ['pii-031', 'Rechnungskorrektur', `Sehr geehrter Herr ⟦N|Lohmüller⟧,

vielen Dank für Ihren Hinweis. Die Rechnung RE-2026-0450 wird korrigiert; Sie erhalten eine Gutschrift über 137,00 €. Bitte teilen Sie uns mit, ob wir den Betrag auf das Konto ⟦I|${ib('68050101', '0024488310')}⟧ erstatten sollen, von dem Sie gezahlt haben.

Mit freundlichen Grüßen
Schreinerei Holm`],
  ['pii-032', 'Protokoll Betriebsratssitzung', `Sitzung des Betriebsrats vom 17.11.2026
Anwesend: ⟦N|Ilona Fuchs⟧ (Vorsitz), ⟦N|Mehmet Çelik⟧, ⟦N|Andreas Rupp⟧
Beratung: Anhörung zur beabsichtigten Kündigung des Mitarbeiters ⟦N|Kevin Schrader⟧ (Lager). Der Betriebsrat widerspricht der Kündigung gemäß § 102 Abs. 3 BetrVG. Die Stellungnahme wird der Geschäftsführung bis 20.11. zugeleitet.`],
  ['pii-033', 'SMS-Verlauf (abgeschrieben)', `Von ⟦T|040 66969 447⟧: Hallo, hier ist ⟦N|Nadine⟧ von nebenan. Euer Wasser läuft im Keller aus, die Tür war offen. Hab den Hausmeister angerufen.
Antwort: Danke! Wir sind in 20 Min da.`],
  ['pii-034', 'Vollmacht', `Vollmacht

Hiermit bevollmächtige ich, ⟦N|Dirk Gerlach⟧, geboren am ⟦G|30.10.1975⟧, wohnhaft ⟦A|Ringstraße 15, 97070 Würzburg⟧, die Steuerberatung Gröning & Kollegen, mich in allen steuerlichen Angelegenheiten gegenüber dem Finanzamt zu vertreten.

Würzburg, den 09.11.2026`],
  ['pii-035', 'E-Mail', `Hallo zusammen,

die Unterlagen zur Ausschreibung „Sanierung Turnhalle Nord“ liegen ab Montag im Bauamt aus. Angebotsabgabe ist bis 14. Januar, 12 Uhr. Rückfragen bitte schriftlich über das Vergabeportal, nicht telefonisch.

Beste Grüße aus dem Büro`],
  ['pii-036', 'Telefonnotiz', `Frau ⟦N|Vossberg⟧ hat angerufen: Die neue Haustür schleift unten ein wenig. Kein Notfall, sie möchte aber vor dem Winter einen Termin. Sie ist vormittags zu Hause, ⟦A|Brunnenstraße 2, 79098 Freiburg⟧, Tel. ⟦T|0221 4710 118⟧ – Festnetz, kein Handy.`],
  ['pii-037', 'Kontaktformular', `Kontaktformular – Eingang 22.11.2026, 23:41 Uhr
Name: ⟦N|Benedikt Raab⟧
E-Mail: ⟦E|b.raab@online.example⟧
Telefon: ⟦T|089 99998 715⟧
Nachricht: Ich interessiere mich für eine Wärmepumpe für unser Reihenhaus (Baujahr 1978, 120 m²). Ist eine Beratung vor Ort möglich?`],
  ['pii-038', 'Gutachtenauszug', `Im Auftrag des Amtsgerichts Nürnberg (Az. 104 C 2217/26) wurde am 06.11.2026 eine Ortsbesichtigung im Objekt ⟦A|Eschenallee 17, 90402 Nürnberg⟧ durchgeführt. Anwesend waren die Klägerin ⟦N|Martina Oberholz⟧ sowie der Beklagte ⟦N|Peter Hahn⟧ mit seinem Prozessbevollmächtigten. Feuchtigkeitsmessungen ergaben erhöhte Werte an der Nordwand des Schlafzimmers.`],
  ['pii-039', 'E-Mail', `Liebe Frau ⟦N|Nguyen⟧,

der Termin für die U7 Ihrer Tochter ist am 18. Februar um 15:20 Uhr. Bitte bringen Sie das gelbe Untersuchungsheft und den Impfpass mit. Falls Sie den Termin nicht wahrnehmen können, sagen Sie bitte mindestens 24 Stunden vorher ab.

Ihr Praxisteam`],
  ['pii-040', 'Lastschriftmandat', `SEPA-Lastschriftmandat
Zahlungsempfänger: Landküche Marquardt GmbH, Gläubiger-ID DE98ZZZ09999999999
Kontoinhaber: ⟦N|Oliver Thamm⟧
Anschrift: ⟦A|Schillerplatz 8, 70173 Stuttgart⟧
IBAN: ⟦I|${ib('60050101', '0002961437')}⟧
Ort, Datum: Stuttgart, 01.11.2026`],
  ['pii-041', 'Gesprächsnotiz', `Kurzer Austausch mit ⟦N|Georg Albers⟧ auf der Baumesse. Er plant einen Kaminofen und fragt nach Schornsteinsanierung. Ich habe ihm unsere Broschüre gegeben und eine Kontaktaufnahme im Januar zugesagt. Seine Karte: ⟦E|georg.albers@online.example⟧, ⟦T|040 66969 096⟧.`],
  ['pii-042', 'Meldung Datenpanne (intern)', `Interne Meldung an den Datenschutzbeauftragten, 26.11.2026, 09:40 Uhr
Eine E-Mail mit dem Befundbericht von ⟦N|Kai Schwertfeger⟧ (geb. ⟦G|03.08.1987⟧) wurde versehentlich an ⟦E|k.schwertfeger@post.example⟧ statt an ⟦E|kai.schwertfeger@mailbox.example⟧ gesendet. Der falsche Empfänger hat sich gemeldet und die Löschung bestätigt. Bewertung der Meldepflicht nach Art. 33 DSGVO steht aus.`],
  ['pii-043', 'Protokoll Übergabe', `Wohnungsübergabe ⟦A|Kantstraße 27, Whg. 12, 48147 Münster⟧ am 30.11.2026
Ausziehender Mieter: ⟦N|Tim Westphal⟧; einziehende Mieterin: ⟦N|Aylin Demir⟧
Zählerstände: Strom 48213 kWh, Wasser kalt 312,4 m³
Schlüssel: 3 Haustür, 2 Wohnung, 1 Briefkasten. Keine Mängel festgestellt.`],
  ['pii-044', 'E-Mail', `Guten Tag Herr Rechtsanwalt ⟦N|Wolters⟧,

ich bin die Schwester von ⟦N|Heinz-Dieter Klasen⟧ und möchte Ihnen mitteilen, dass mein Bruder am Wochenende ins Krankenhaus gekommen ist. Bitte schicken Sie Post vorerst an mich: ⟦N|Ingeborg Rathje⟧, ⟦A|Kastanienweg 9, 23552 Lübeck⟧. Ich bin auch telefonisch unter ⟦T|040 66969 355⟧ erreichbar.

Mit freundlichen Grüßen
⟦N|Ingeborg Rathje⟧`],
  ['pii-045', 'Lieferschein-Notiz', `Lieferung an Baustelle Neubau Ahornweg, Augsburg. Ansprechpartner vor Ort: Polier ⟦N|Stefan Wirth⟧, ⟦T|089 99998 233⟧. Anlieferung nur zwischen 7 und 9 Uhr, Zufahrt über die Rückseite. Material: 40 Sack Estrich, 12 Paletten Porenbeton.`],
  ['pii-046', 'Beschwerde', `Sehr geehrte Damen und Herren,

ich beschwere mich über das Verhalten Ihres Mitarbeiters am Empfang am 21.11. Ich wurde vor anderen Patienten laut auf meine offene Rechnung angesprochen. Das war mir sehr unangenehm.

⟦N|Walter Engelke⟧
⟦A|Am Stadtgraben 12, 59494 Soest⟧
⟦E|w.engelke@online.example⟧`],
  ['pii-047', 'Projektstatus', `Statusbericht Projekt „Managed Workplace“ KW 48
- 18 von 25 Arbeitsplätzen migriert
- Lizenzen Microsoft 365 vollständig zugewiesen
- Offene Punkte: Drucker im 2. OG, VPN-Zugang für zwei Außendienst-Mitarbeitende
- Nächster Termin mit dem Kunden: Dienstag, 10 Uhr, per Videokonferenz`],
  ['pii-048', 'Gesprächsnotiz Jugendamt', `Hausbesuch am 16.11.2026 bei Familie ⟦N|Hartmann⟧, ⟦A|Lerchenstraße 33, 06108 Halle (Saale)⟧.
Kindsmutter ⟦N|Sandra Hartmann⟧ (geb. ⟦G|22.01.1994⟧), Kinder ⟦N|Mia⟧ (6) und ⟦N|Luca⟧ (3). Wohnung sauber und aufgeräumt. Nächster Termin in vier Wochen. Kontakt: ⟦T|030 23125 628⟧.`],
  ['pii-049', 'E-Mail an Steuerberater', `Hallo Herr ⟦N|Gröning⟧,

für die Lohnabrechnung Dezember: Unsere neue Mitarbeiterin ⟦N|Franziska Wendel⟧ fängt am 1.12. an, Steuer-ID und Sozialversicherungsnummer reiche ich nach. Gehalt wird auf ⟦I|${ib('30050110', '0016293841')}⟧ gezahlt. Sie wohnt in der ⟦A|Bilker Allee 101, 40217 Düsseldorf⟧.

Viele Grüße
⟦N|Stefan Ruhnau⟧`],
  ['pii-050', 'Telefonnotiz', `Anruf 26.11., 14:05: Frau Dr. ⟦N|Reinhardt⟧ (Mutter eines Patienten) fragt, ob das Rezept für ihren Sohn ⟦N|Noah⟧ (geb. ⟦G|05.05.2022⟧) schon fertig ist. Bitte zurückrufen unter ⟦T|030 23125 448⟧ oder per Mail an ⟦E|s.reinhardt@post.example⟧.`],
  ['pii-051', 'Vertragsauszug', `§ 1 Vertragsparteien
Verkäufer: ⟦N|Hans-Jürgen Kowalski⟧, ⟦A|Dorfstraße 11, 17489 Greifswald⟧
Käufer: ⟦N|Marie Lindholm⟧, ⟦A|Hafenstraße 3, 18055 Rostock⟧
§ 2 Kaufgegenstand
Gebrauchter Pkw VW Golf, Erstzulassung 2017, Kilometerstand 98.400 km. Kaufpreis: 9.800 Euro, zahlbar per Überweisung auf ⟦I|${ib('15050500', '0100233841')}⟧.`],
  ['pii-052', 'Protokoll Schulung', `Schulung „KI-Kompetenz nach Art. 4 KI-VO“ am 24.11.2026 für das Sekretariat
Referentin: externe Beraterin (Datenfluss Consulting)
Inhalte: Grundbegriffe, zulässige Nutzung von Chat-Assistenten, keine Mandantendaten in öffentliche Tools, Kennzeichnung KI-generierter Texte.
Teilnahme: 9 von 10 Mitarbeitenden; Nachholtermin im Januar.`]
];

const MARK = /⟦([NAITEG])\|([^⟧]+)⟧/g;

function build(): Row[] {
  return TEXTS.map(([id, art, marked]) => {
    const spans: { text: string; type: string }[] = [];
    const text = marked.replace(MARK, (_m, t: keyof typeof PII_TYPES, span: string) => {
      spans.push({ text: span, type: PII_TYPES[t] });
      return span;
    });
    if (text.includes('⟦') || text.includes('⟧')) throw new Error(`${id}: unbalanced mark`);
    return { id, input: { text }, expected: { spans }, meta: { textart: art, spanCount: spans.length, synthetic: true } };
  });
}

const rows = build();
const file = writeItems('de-pii-redaction', rows, [
  'IBANs carry valid check digits with invented account numbers; phone numbers come from blocks reserved for use in fiction; e-mail domains use .example',
  'gold spans are marked inline in the generator and occur verbatim in input.text'
]);
console.log(`wrote ${rows.length} items to ${file}`);
