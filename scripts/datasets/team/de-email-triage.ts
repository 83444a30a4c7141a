// Generator for datasets/de-email-triage/items.jsonl: hand-written inbound e-mails to a Handwerksbetrieb,
// a Kanzlei and an Arztpraxis with the expected category and urgency. All names, addresses, phone
// numbers and e-mail addresses are invented (phone numbers from the ranges reserved for fiction).
// Run: npx tsx scripts/datasets/team/de-email-triage.ts
import { writeItems, type Row } from './lib';

type Branche = 'Handwerksbetrieb' | 'Kanzlei' | 'Arztpraxis';
type Dringlichkeit = 'hoch' | 'mittel' | 'niedrig';

export const KATEGORIEN: Record<Branche, string[]> = {
  Handwerksbetrieb: ['Terminanfrage', 'Angebot/Auftrag', 'Reklamation', 'Rechnung/Zahlung', 'Sonstiges'],
  Kanzlei: ['Mandatsanfrage', 'Fristsache', 'Terminanfrage', 'Rechnung/Zahlung', 'Sonstiges'],
  Arztpraxis: ['Terminanfrage', 'Rezept/Befund', 'Rechnung/Zahlung', 'Sonstiges']
};

const KATEGORIE_TEXT: Record<Branche, string> = {
  Handwerksbetrieb: [
    'Terminanfrage (Termin oder Einsatz vor Ort vereinbaren, verschieben oder absagen: Reparatur, Notdienst, Wartung, Besichtigung)',
    'Angebot/Auftrag (Bitte um Angebot, Kostenvoranschlag oder Beratung zu geplanten Arbeiten, Auftragserteilung, Änderung eines Auftrags)',
    'Reklamation (Mangel, Beschwerde über ausgeführte Arbeiten oder gelieferte Teile)',
    'Rechnung/Zahlung (Fragen zu Rechnungen, Zahlungen, Mahnungen, Abschlägen)',
    'Sonstiges (alles andere: Bewerbungen, Werbung, allgemeine Fragen)'
  ].join('; '),
  Kanzlei: [
    'Mandatsanfrage (jemand, der noch nicht Mandant ist, bittet um Vertretung oder Ersteinschätzung, auch wenn bereits eine Frist läuft)',
    'Fristsache (Schreiben von Mandanten, Gerichten, Behörden oder der Gegenseite zu laufenden Fristen oder Gerichtsterminen: Bescheide, Mahnbescheide, Klagen, Ladungen, Bitten um Fristverlängerung)',
    'Terminanfrage (Mandanten möchten einen Besprechungstermin vereinbaren, verschieben oder absagen)',
    'Rechnung/Zahlung (Honorar, Vorschuss, Kostennote, Zahlungsfragen)',
    'Sonstiges (alles andere: Sachstandsfragen ohne Frist, Bewerbungen, Werbung, Organisatorisches)'
  ].join('; '),
  Arztpraxis: [
    'Terminanfrage (Termin vereinbaren, verschieben oder absagen, auch wegen akuter Beschwerden)',
    'Rezept/Befund (Folgerezept, Überweisung, Arbeitsunfähigkeitsbescheinigung, Befunde, Laborergebnisse)',
    'Rechnung/Zahlung (Privatrechnung, IGeL-Leistungen, Zahlungserinnerung)',
    'Sonstiges (alles andere: Öffnungszeiten, Bewerbungen, Anfragen von Firmen)'
  ].join('; ')
};

type Mail = [id: string, branche: Branche, absender: string, betreff: string, text: string, kategorie: string, dringlichkeit: Dringlichkeit];

const MAILS: Mail[] = [
  // ---------------------------------------------------------------- Handwerksbetrieb
  ['hw-001', 'Handwerksbetrieb', 'Jutta Kerkhoff <j.kerkhoff@mailbox.example>', 'Wasser läuft aus der Decke!!',
`Guten Morgen,

bei uns im Badezimmer im Obergeschoss muss ein Rohr geplatzt sein, jedenfalls tropft es seit heute früh durch die Decke in die Küche darunter. Den Haupthahn haben wir zugedreht, aber wir haben jetzt gar kein Wasser mehr im Haus. Können Sie bitte so schnell wie möglich jemanden vorbeischicken?

Adresse: Am Lindenhang 14, 48163 Münster
Ich bin unter 0221 4710 233 erreichbar, mein Mann unter 040 66969 412.

Vielen Dank
Jutta Kerkhoff`, 'Terminanfrage', 'hoch'],
  ['hw-002', 'Handwerksbetrieb', 'Dr. Matthias Reuter <reuter@praxis-reuter.example>', 'Angebot Badsanierung',
`Sehr geehrte Damen und Herren,

wir planen für das Frühjahr eine Komplettsanierung unseres Gästebads (ca. 4 qm): bodengleiche Dusche statt Wanne, neue Fliesen, Hänge-WC. Könnten Sie uns ein Angebot machen? Eine Besichtigung wäre ab Mitte Januar jederzeit möglich, es eilt also nicht.

Mit freundlichen Grüßen
Matthias Reuter
Birkenweg 3a, 33602 Bielefeld`, 'Angebot/Auftrag', 'niedrig'],
  ['hw-003', 'Handwerksbetrieb', 'Familie Osterkamp <osterkamp.familie@post.example>', 'Heizung komplett ausgefallen',
`Hallo zusammen,

seit gestern Abend geht unsere Gastherme nicht mehr, im Display blinkt F28. Neustart haben wir schon dreimal versucht. Es sind draußen minus 5 Grad und wir haben ein Baby im Haus – bitte melden Sie sich heute noch!

Steinfurter Straße 112, 48149 Münster
Tel. 0221 4710 587

Danke, Sandra Osterkamp`, 'Terminanfrage', 'hoch'],
  ['hw-004', 'Handwerksbetrieb', 'Klaus Brandtner <k.brandtner@online.example>', 'Rechnung Nr. 2026-0871 – Abzug?',
`Sehr geehrte Damen und Herren,

in Ihrer Rechnung 2026-0871 für den Austausch der Dachrinne sind 6 Arbeitsstunden berechnet. Ihr Mitarbeiter war nach meiner Notiz aber nur von 8:15 bis 11:45 Uhr da. Bitte prüfen Sie das und schicken Sie mir ggf. eine korrigierte Rechnung. Die Zahlungsfrist läuft ja noch bis Ende des Monats.

Freundliche Grüße
Klaus Brandtner`, 'Rechnung/Zahlung', 'mittel'],
  ['hw-005', 'Handwerksbetrieb', 'Hausverwaltung Pröpper & Söhne <technik@proepper-hv.example>', 'Auftrag: Rauchwarnmelder Wartung Objekt Kantstraße',
`Sehr geehrte Damen und Herren,

hiermit beauftragen wir Sie auf Grundlage Ihres Angebots vom 2. Oktober mit der jährlichen Wartung der Rauchwarnmelder im Objekt Kantstraße 27–29 (24 Wohneinheiten). Die Mieter werden von uns per Aushang informiert, sobald Sie uns zwei mögliche Termine im Dezember nennen.

Mit freundlichen Grüßen
i. A. Melanie Haverkamp
Hausverwaltung Pröpper & Söhne`, 'Angebot/Auftrag', 'mittel'],
  ['hw-006', 'Handwerksbetrieb', 'Bernd Lohmüller <bernd.lohmueller@mailbox.example>', 'Fenster schließt nicht richtig',
`Hallo Herr Brenner,

das Wohnzimmerfenster, das Ihre Leute im September eingebaut haben, lässt sich seit ein paar Tagen nur noch mit viel Kraft schließen und es zieht unten links. Ich denke, das fällt unter die Gewährleistung. Wann könnte sich das jemand ansehen? Nächste Woche wäre gut, ich bin ab Mittwoch im Homeoffice.

Gruß
Bernd Lohmüller
Kirchgasse 9, 79098 Freiburg`, 'Reklamation', 'mittel'],
  ['hw-007', 'Handwerksbetrieb', 'Aylin Demir <aylin.demir@post.example>', 'Steckdose qualmt',
`Hallo,

aus einer Steckdose in unserem Kinderzimmer kam eben ein verschmorter Geruch und sie ist schwarz verfärbt. Die Sicherung ist rausgeflogen und ich traue mich nicht, sie wieder reinzumachen. Können Sie heute noch kommen? Wir wohnen in der Wiesenstraße 41, 2. OG, 45127 Essen.

Bitte rufen Sie mich an: 0221 4710 158

Aylin Demir`, 'Terminanfrage', 'hoch'],
  ['hw-008', 'Handwerksbetrieb', 'Tobias Wendland <t.wendland@firma-wendland.example>', 'Bewerbung als Anlagenmechaniker SHK',
`Sehr geehrte Damen und Herren,

über die Jobbörse bin ich auf Ihre Stellenanzeige aufmerksam geworden. Ich habe meine Ausbildung zum Anlagenmechaniker SHK 2022 abgeschlossen und arbeite seitdem im Kundendienst. Meine Unterlagen finden Sie im Anhang. Über eine Einladung zum Gespräch würde ich mich freuen.

Mit freundlichen Grüßen
Tobias Wendland`, 'Sonstiges', 'niedrig'],
  ['hw-009', 'Handwerksbetrieb', 'Renate Faßbender <r.fassbender@mailbox.example>', 'Zweite Mahnung??',
`Sehr geehrte Damen und Herren,

heute habe ich eine zweite Mahnung über 1.284,50 € von Ihnen bekommen, mit Androhung eines Inkassoverfahrens bis Freitag. Ich habe die Rechnung aber bereits am 14. Oktober überwiesen, den Kontoauszug hänge ich an. Bitte klären Sie das umgehend und bestätigen Sie mir, dass das Inkasso gestoppt wird.

Renate Faßbender
Lerchenfeld 6, 24103 Kiel`, 'Rechnung/Zahlung', 'hoch'],
  ['hw-010', 'Handwerksbetrieb', 'Georg Albers <georg.albers@online.example>', 'Kaminofen – Beratung',
`Guten Tag,

wir überlegen, im nächsten Jahr einen Kaminofen einbauen zu lassen, wissen aber noch nicht, ob unser Schornstein dafür geeignet ist. Machen Sie so etwas auch bzw. arbeiten Sie mit einem Schornsteinfeger zusammen? Erst mal nur eine grobe Info, gerne auch mit einer Preisspanne.

Viele Grüße
Georg Albers`, 'Angebot/Auftrag', 'niedrig'],
  ['hw-011', 'Handwerksbetrieb', 'Petra Lindqvist <p.lindqvist@post.example>', 'Wartungstermin verschieben',
`Hallo,

für unsere Heizungswartung ist ja nächsten Dienstag um 8 Uhr ein Termin eingetragen. Leider muss ich an dem Tag kurzfristig zu einer Fortbildung. Ginge stattdessen Donnerstag oder Freitag in derselben Woche? Uhrzeit ist egal.

Liebe Grüße
Petra Lindqvist, Hohe Straße 88, 50667 Köln`, 'Terminanfrage', 'mittel'],
  ['hw-012', 'Handwerksbetrieb', 'Sebastian Kroll <s.kroll@mailbox.example>', 'Fliesen haben Risse nach 3 Wochen',
`Sehr geehrte Damen und Herren,

ich bin ziemlich verärgert. In der Küche, die Ihr Betrieb vor drei Wochen gefliest hat, sind inzwischen an vier Stellen Risse in den Fliesen und zwei klingen hohl. Ich erwarte, dass das zeitnah und kostenlos in Ordnung gebracht wird. Bitte nennen Sie mir innerhalb der nächsten Tage einen Termin.

Sebastian Kroll
Talstraße 21, 01069 Dresden
Tel. 030 23125 671`, 'Reklamation', 'mittel'],
  ['hw-013', 'Handwerksbetrieb', 'Newsletter Baustoffhandel Nord <news@baustoffnord.example>', 'Winteraktion: 15 % auf Dämmstoffe',
`Liebe Partnerbetriebe,

nur bis zum 31. Januar erhalten Sie 15 % Rabatt auf alle Mineralwolle- und Holzfaserdämmstoffe. Einfach bei der Bestellung den Code WINTER15 angeben. Ihr Team vom Baustoffhandel Nord`, 'Sonstiges', 'niedrig'],
  ['hw-014', 'Handwerksbetrieb', 'Marion Schütte <marion.schuette@online.example>', 'Abschlagsrechnung Dachsanierung',
`Hallo Herr Brenner,

kurze Frage zur zweiten Abschlagsrechnung: Sollen wir die 8.500 € wie beim ersten Mal auf das Konto bei der Sparkasse überweisen oder hat sich da etwas geändert? Auf der Rechnung steht eine andere IBAN als im Vertrag. Nicht dass das eine Betrugsmail ist.

Viele Grüße
Marion Schütte`, 'Rechnung/Zahlung', 'mittel'],
  ['hw-015', 'Handwerksbetrieb', 'Ferhat Yıldız <ferhat.yildiz@post.example>', 'Auftragserweiterung Elektro Neubau',
`Guten Tag Frau Brenner,

wie eben am Telefon besprochen möchten wir zusätzlich zum beauftragten Leistungsumfang noch eine Wallbox in der Garage (11 kW) und zwei Außensteckdosen auf der Terrasse. Bitte schicken Sie uns dafür einen Nachtrag zum Angebot, dann unterschreiben wir ihn.

Beste Grüße
Ferhat Yıldız
Neubau Ahornweg 5, 86150 Augsburg`, 'Angebot/Auftrag', 'mittel'],
  ['hw-016', 'Handwerksbetrieb', 'Ingrid Vossberg <ingrid.vossberg@mailbox.example>', 'Danke!',
`Liebes Team,

ich wollte mich nur einmal herzlich bedanken: Die neue Haustür ist wunderschön geworden, und Ihre beiden Monteure waren sehr ordentlich und freundlich. Ich empfehle Sie gerne weiter.

Herzliche Grüße
Ingrid Vossberg`, 'Sonstiges', 'niedrig'],
  ['hw-017', 'Handwerksbetrieb', 'Holger Pietsch <h.pietsch@online.example>', 'Sturm hat Dachziegel abgedeckt',
`Hallo,

beim Sturm heute Nacht sind bei uns mehrere Dachziegel heruntergekommen, man sieht von unten eine Lücke von vielleicht einem Quadratmeter. Für morgen ist Regen angesagt. Können Sie das wenigstens provisorisch abdichten? Wir sind den ganzen Tag zu Hause.

Holger Pietsch, Feldweg 2, 26122 Oldenburg, Tel. 040 66969 903`, 'Terminanfrage', 'hoch'],
  ['hw-018', 'Handwerksbetrieb', 'Yvonne Lüttich <y.luettich@post.example>', 'Neue Armatur tropft schon wieder',
`Guten Tag,

vor zwei Wochen hat Ihr Monteur in unserer Küche eine neue Einhebelarmatur eingebaut (Rechnung 2026-1044). Seit gestern tropft sie wieder unten am Sockel, es steht schon eine Schüssel darunter. Schlimm ist es nicht, aber ich hätte das gern innerhalb der Gewährleistung erledigt. Wann passt es Ihnen?

Mit freundlichen Grüßen
Yvonne Lüttich
Mozartstraße 15, 48151 Münster`, 'Reklamation', 'mittel'],
  ['hw-019', 'Handwerksbetrieb', 'Wohnungsbau Rheinblick eG <technik@rheinblick-eg.example>', 'Beschwerde Baustellenreinigung Haus 4',
`Sehr geehrte Damen und Herren,

mehrere Mieterinnen und Mieter aus Haus 4 haben sich bei uns beschwert, dass nach Ihren Elektroarbeiten im Treppenhaus Bohrstaub und Kabelreste liegen geblieben sind. Außerdem wurde eine Wohnungstür beschädigt (Kratzer auf ca. 20 cm). Wir bitten um Stellungnahme und Nachbesserung; die Mängelliste mit Fotos ist beigefügt.

Mit freundlichen Grüßen
i. A. Dominik Scherer, Technische Abteilung`, 'Reklamation', 'mittel'],
  ['hw-020', 'Handwerksbetrieb', 'Buchhaltung Kita Sonnenblume <buchhaltung@kita-sonnenblume.example>', 'Bitte um Rechnungskopie',
`Hallo,

für unsere Jahresabrechnung fehlt uns die Rechnung für die Wartung der Heizungsanlage im März. Könnten Sie uns bitte eine Kopie als PDF schicken? Bis Mitte Januar würde reichen.

Vielen Dank
Anja Pohlmann, Verwaltung`, 'Rechnung/Zahlung', 'niedrig'],

  // ---------------------------------------------------------------- Kanzlei
  ['kz-001', 'Kanzlei', 'Martina Oberholz <m.oberholz@mailbox.example>', 'Kündigung erhalten – was tun?',
`Sehr geehrte Damen und Herren,

ich habe am Montag, den 23. November, von meinem Arbeitgeber eine fristgerechte Kündigung bekommen, nach 11 Jahren Betriebszugehörigkeit. Ich halte sie für ungerechtfertigt. Ich weiß, dass man für eine Kündigungsschutzklage nur drei Wochen Zeit hat. Können Sie mich vertreten? Ich bin rechtsschutzversichert.

Martina Oberholz
Eschenallee 17, 90402 Nürnberg
Mobil: 089 99998 341`, 'Mandatsanfrage', 'hoch'],
  ['kz-002', 'Kanzlei', 'Frank Heidemann <f.heidemann@post.example>', 'AZ 214/26 – Schreiben der Gegenseite',
`Sehr geehrter Herr Rechtsanwalt Wolters,

in meiner Mietsache (Ihr Aktenzeichen 214/26) ist heute ein Schreiben des Anwalts meines Vermieters gekommen. Er fordert mich auf, bis zum 4. Dezember der Mieterhöhung zuzustimmen, sonst werde Klage erhoben. Ich schicke Ihnen das Schreiben als Scan mit. Wie soll ich reagieren?

Mit freundlichen Grüßen
Frank Heidemann`, 'Fristsache', 'hoch'],
  ['kz-003', 'Kanzlei', 'Claudia Rensing <claudia.rensing@online.example>', 'Terminwunsch Testamentsberatung',
`Guten Tag,

Sie haben uns ja schon beim Kauf unseres Hauses so gut beraten. Jetzt möchten mein Mann und ich ein gemeinschaftliches Testament aufsetzen und bräuchten dazu einen Besprechungstermin. Hätten Sie im Januar etwas frei? Vormittags wäre uns am liebsten.

Freundliche Grüße
Claudia und Werner Rensing`, 'Terminanfrage', 'niedrig'],
  ['kz-004', 'Kanzlei', 'Stefan Ruhnau <s.ruhnau@ruhnau-metallbau.example>', 'Ihre Kostennote vom 10.11.',
`Sehr geehrte Frau Dr. Lenz,

vielen Dank für Ihre Kostennote vom 10.11. Mir ist nicht ganz klar, wie sich der Gegenstandswert von 45.000 € ergibt; wir hatten im Erstgespräch über eine Forderung von rund 30.000 € gesprochen. Könnten Sie mir die Berechnung kurz erläutern? Die Zahlung veranlasse ich danach.

Mit freundlichen Grüßen
Stefan Ruhnau
Ruhnau Metallbau GmbH`, 'Rechnung/Zahlung', 'mittel'],
  ['kz-005', 'Kanzlei', 'Jana Petersen <jana.petersen@mailbox.example>', 'Bußgeldbescheid',
`Hallo,

ich habe einen Bußgeldbescheid wegen angeblicher Geschwindigkeitsüberschreitung (32 km/h außerorts) bekommen, mit einem Monat Fahrverbot. Zugestellt wurde er laut Umschlag am 20.11. Ich war an dem Tag aber gar nicht mit dem Auto unterwegs, sondern mein Bruder. Können Sie Einspruch einlegen? Ich bin neu bei Ihnen.

Jana Petersen
Möwenweg 4, 25746 Heide`, 'Mandatsanfrage', 'hoch'],
  ['kz-006', 'Kanzlei', 'Amtsgericht – Geschäftsstelle <poststelle@ag-beispielstadt.example>', '12 C 845/26 – Terminsverlegung',
`In dem Rechtsstreit Kowalski ./. Hausmann, Az. 12 C 845/26, wird der Termin zur mündlichen Verhandlung vom 8. Dezember 2026 aus dienstlichen Gründen aufgehoben und neu bestimmt auf Dienstag, 19. Januar 2027, 10:30 Uhr, Saal 2.014. Das persönliche Erscheinen der Parteien wird angeordnet.

Auf Anordnung
Brückner, Justizbeschäftigte`, 'Fristsache', 'mittel'],
  ['kz-007', 'Kanzlei', 'Heinz-Dieter Klasen <hd.klasen@post.example>', 'Wie ist der Stand?',
`Sehr geehrter Herr Wolters,

ich wollte mal nachfragen, ob es in meiner Erbschaftsangelegenheit schon etwas Neues gibt. Hat sich das Nachlassgericht inzwischen gemeldet? Keine Eile, ich bin nur neugierig.

Viele Grüße
Heinz-Dieter Klasen`, 'Sonstiges', 'niedrig'],
  ['kz-008', 'Kanzlei', 'Lea Sommerfeld <lea.sommerfeld@mailbox.example>', 'Ärger mit dem Vermieter wegen Kaution',
`Guten Tag,

ich bin im Juni aus meiner Wohnung ausgezogen, und mein ehemaliger Vermieter zahlt die Kaution (2.400 €) nicht zurück. Er behauptet, es gebe noch Schäden, hat aber nie etwas konkret benannt. Übernehmen Sie solche Fälle? Was würde mich ein Erstgespräch kosten?

Mit freundlichen Grüßen
Lea Sommerfeld
Tel. 069 90009 274`, 'Mandatsanfrage', 'niedrig'],
  ['kz-009', 'Kanzlei', 'Oliver Thamm <o.thamm@thamm-consulting.example>', 'Termin morgen 14 Uhr absagen',
`Sehr geehrte Frau Dr. Lenz,

leider muss ich unseren Besprechungstermin morgen um 14 Uhr absagen, meine Tochter ist krank geworden. Können wir einen neuen Termin in der kommenden Woche finden? Ich bin flexibel.

Beste Grüße
Oliver Thamm`, 'Terminanfrage', 'mittel'],
  ['kz-010', 'Kanzlei', 'Finanzamt – Veranlagung <service@fa-beispielstadt.example>', 'Steuerbescheid Mandant Gerlach – Ihre Vollmacht',
`Sehr geehrte Damen und Herren,

in der Steuersache Ihres Mandanten Dirk Gerlach (St.-Nr. 204/5511/0832) wurde heute der Einkommensteuerbescheid 2024 bekanntgegeben; eine Ausfertigung ist Ihnen als Empfangsbevollmächtigter zugegangen. Auf die Rechtsbehelfsbelehrung (Einspruchsfrist ein Monat) wird hingewiesen.

Mit freundlichen Grüßen
Ihr Finanzamt`, 'Fristsache', 'mittel'],
  ['kz-011', 'Kanzlei', 'Susanne Brehm <susanne.brehm@online.example>', 'Vorschussrechnung bezahlt',
`Hallo Frau Yilmaz,

nur zur Info: Die Vorschussrechnung über 892,50 € habe ich heute überwiesen. Könnten Sie mir bitte kurz den Eingang bestätigen, wenn das Geld da ist? Danke!

Susanne Brehm`, 'Rechnung/Zahlung', 'niedrig'],
  ['kz-012', 'Kanzlei', 'Recruiting-Agentur LegalTalents <kontakt@legaltalents.example>', 'Erfahrene Rechtsanwaltsfachangestellte gesucht?',
`Guten Tag,

wir vermitteln seit über zehn Jahren qualifizierte Fachkräfte an Kanzleien in ganz Deutschland. Aktuell haben wir mehrere erfahrene ReFas im Portfolio, die kurzfristig verfügbar sind. Darf ich Sie dazu einmal anrufen?

Mit besten Grüßen
Kevin Marquardt, LegalTalents`, 'Sonstiges', 'niedrig'],
  ['kz-013', 'Kanzlei', 'Ralf Gehrmann <r.gehrmann@gehrmann-bau.example>', 'Dringend: Mahnbescheid bekommen',
`Sehr geehrte Frau Dr. Lenz,

unser Unternehmen hat heute einen Mahnbescheid über 18.700 € von einem ehemaligen Subunternehmer zugestellt bekommen. Die Forderung ist aus unserer Sicht unberechtigt, die Leistung war mangelhaft. Sie hatten uns schon einmal im Baurecht vertreten (Az. 077/25). Bitte legen Sie Widerspruch ein – wie lange haben wir dafür Zeit?

Mit freundlichen Grüßen
Ralf Gehrmann, Geschäftsführer`, 'Fristsache', 'hoch'],
  ['kz-014', 'Kanzlei', 'Nadine Kessler <n.kessler@mailbox.example>', 'Beratung Scheidung',
`Guten Abend,

mein Mann und ich leben seit einem Jahr getrennt und wollen uns jetzt einvernehmlich scheiden lassen. Wir haben zwei Kinder und ein gemeinsames Haus. Ich würde mich gerne von Ihnen beraten und ggf. vertreten lassen. Wie läuft das bei Ihnen ab?

Nadine Kessler
Bahnhofstraße 52, 35390 Gießen`, 'Mandatsanfrage', 'niedrig'],
  ['kz-015', 'Kanzlei', 'Rechtsanwälte Dorn & Partner <sekretariat@dorn-partner.example>', 'Bitte um Fristverlängerung – Az. 301/26',
`Sehr geehrte Frau Kollegin Lenz,

in der Sache Brauer ./. Stadtwerke bitten wir um Zustimmung zu einer Verlängerung der vom Gericht gesetzten Frist zur Replik um zwei Wochen, da unser Mandant derzeit im Krankenhaus ist. Die Frist läuft am kommenden Montag ab. Für eine kurzfristige Rückmeldung wären wir dankbar.

Mit freundlichen kollegialen Grüßen
RA Thomas Dorn`, 'Fristsache', 'hoch'],
  ['kz-016', 'Kanzlei', 'Gisela Hartwig <g.hartwig@post.example>', 'Rechnung unklar',
`Guten Tag,

ich habe eine Rechnung Ihrer Kanzlei bekommen, Rechnungsnummer 2026-3318, kann sie aber keinem Vorgang zuordnen. Ich war meines Wissens nie Ihre Mandantin. Handelt es sich vielleicht um eine Verwechslung? Bitte um Aufklärung.

Gisela Hartwig
Am Markt 1, 37073 Göttingen`, 'Rechnung/Zahlung', 'mittel'],
  ['kz-017', 'Kanzlei', 'Marko Petrović <marko.petrovic@mailbox.example>', 'Unfall mit Firmenwagen – brauche Hilfe',
`Guten Tag,

ich hatte letzte Woche einen Unfall mit meinem Firmenwagen, die Gegenseite behauptet jetzt, ich sei schuld, und die Versicherung will nicht zahlen. Ich war noch nie bei einem Anwalt. Können Sie sich das anschauen? Fristen kenne ich keine.

Viele Grüße
Marko Petrović
Tel. 069 90009 818`, 'Mandatsanfrage', 'mittel'],
  ['kz-018', 'Kanzlei', 'Dirk Gerlach <d.gerlach@online.example>', 'Besprechung zum Einspruch',
`Sehr geehrte Frau Dr. Lenz,

wie telefonisch angekündigt würde ich gern mit Ihnen in Ruhe über die Unterlagen zum Einspruch sprechen. Hätten Sie in der zweiten Dezemberwoche einen Termin, gern auch per Video?

Mit freundlichen Grüßen
Dirk Gerlach`, 'Terminanfrage', 'niedrig'],
  ['kz-019', 'Kanzlei', 'IT-Service NordCode <support@nordcode-it.example>', 'Wartungsfenster Kanzleiserver Samstag',
`Sehr geehrte Damen und Herren,

am Samstag, 5. Dezember, spielen wir zwischen 8 und 12 Uhr Sicherheitsupdates auf Ihren Kanzleiserver und die Arbeitsplätze ein. In dieser Zeit ist die Kanzleisoftware nicht erreichbar. Ein Handeln Ihrerseits ist nicht erforderlich.

Ihr Team von NordCode IT-Service`, 'Sonstiges', 'niedrig'],

  // ---------------------------------------------------------------- Arztpraxis
  ['ap-001', 'Arztpraxis', 'Ursula Bendixen <u.bendixen@mailbox.example>', 'Folgerezept Ramipril',
`Guten Tag,

ich bräuchte bitte wieder ein Rezept für mein Ramipril 5 mg, 100 Stück. Ich habe noch für etwa zehn Tage Tabletten. Meine Versichertenkarte war in diesem Quartal schon eingelesen. Kann ich das Rezept nächste Woche abholen?

Ursula Bendixen, geb. 12.03.1951`, 'Rezept/Befund', 'mittel'],
  ['ap-002', 'Arztpraxis', 'Markus Weidinger <markus.weidinger@online.example>', 'Starke Brustschmerzen',
`Hallo,

ich habe seit etwa einer Stunde ein Engegefühl in der Brust, das in den linken Arm ausstrahlt, und mir ist übel. Kann ich heute noch vorbeikommen oder soll ich lieber warten, bis es besser wird?

Markus Weidinger, Tel. 089 99998 126`, 'Terminanfrage', 'hoch'],
  ['ap-003', 'Arztpraxis', 'Helene Graf <helene.graf@post.example>', 'Termin Gesundheits-Check-up',
`Sehr geehrtes Praxisteam,

ich würde gerne einen Termin für den Check-up 35 und die Hautkrebsvorsorge vereinbaren. Es muss nicht vor Weihnachten sein, Anfang nächsten Jahres reicht völlig. Ich kann am besten dienstags oder donnerstags.

Freundliche Grüße
Helene Graf`, 'Terminanfrage', 'niedrig'],
  ['ap-004', 'Arztpraxis', 'Kai Schwertfeger <kai.schwertfeger@mailbox.example>', 'Laborwerte von letzter Woche',
`Hallo Frau Dr. Ahrens,

letzte Woche wurde mir Blut abgenommen (Schilddrüse und Blutzucker). Liegen die Ergebnisse schon vor? Muss ich dafür noch einmal in die Praxis kommen oder können Sie mir kurz Bescheid geben, ob alles in Ordnung ist?

Viele Grüße
Kai Schwertfeger, geb. 03.08.1987`, 'Rezept/Befund', 'niedrig'],
  ['ap-005', 'Arztpraxis', 'Angelika Mertens <a.mertens@online.example>', 'Rechnung Reiseimpfung',
`Guten Tag,

ich habe für die Reiseimpfungen (Hepatitis A und Typhus) eine Privatrechnung über 146,83 € erhalten. Meine Krankenkasse sagt, sie würde die Kosten erstatten, braucht aber eine Rechnung mit Diagnose bzw. Reiseziel. Könnten Sie mir eine entsprechend ergänzte Rechnung schicken?

Mit freundlichen Grüßen
Angelika Mertens`, 'Rechnung/Zahlung', 'niedrig'],
  ['ap-006', 'Arztpraxis', 'Thorsten Baumgart <t.baumgart@post.example>', 'Krankschreibung verlängern',
`Guten Morgen,

ich bin seit letztem Montag wegen meines Bandscheibenvorfalls krankgeschrieben, die AU läuft heute aus. Es geht mir noch nicht besser, ich kann kaum sitzen. Brauche ich einen Termin oder können Sie die Krankschreibung so verlängern? Mein Arbeitgeber braucht sie bis morgen.

Thorsten Baumgart, Tel. 0221 4710 902`, 'Rezept/Befund', 'hoch'],
  ['ap-007', 'Arztpraxis', 'Familie Nguyen <nguyen.familie@mailbox.example>', 'Termin U7 für Linh',
`Hallo,

unsere Tochter Linh wird im Februar zwei Jahre alt, und wir brauchen einen Termin für die U7. Das Zeitfenster ist ja etwas großzügig, ab Mitte Februar würde gut passen. Am liebsten nachmittags.

Danke und viele Grüße
Thi Mai Nguyen`, 'Terminanfrage', 'niedrig'],
  ['ap-008', 'Arztpraxis', 'MedTech Solutions GmbH <vertrieb@medtech-solutions.example>', 'Neue Praxissoftware – kostenlose Demo',
`Sehr geehrte Frau Dr. Ahrens,

mit unserer cloudbasierten Praxisverwaltung sparen Praxen im Schnitt fünf Stunden pro Woche. Gerne zeigen wir Ihnen das System in einer 30-minütigen Online-Demo. Antworten Sie einfach auf diese E-Mail.

Ihr Team von MedTech Solutions`, 'Sonstiges', 'niedrig'],
  ['ap-009', 'Arztpraxis', 'Bettina Kolbe <bettina.kolbe@online.example>', 'Überweisung zum Orthopäden',
`Guten Tag,

ich habe am Donnerstag einen Termin beim Orthopäden wegen meines Knies bekommen und brauche dafür eine Überweisung. Könnten Sie die bis Mittwoch fertig machen? Ich würde sie dann in der Mittagspause abholen.

Bettina Kolbe, geb. 27.11.1979`, 'Rezept/Befund', 'mittel'],
  ['ap-010', 'Arztpraxis', 'Jürgen Mahler <j.mahler@mailbox.example>', 'Termin absagen',
`Sehr geehrte Damen und Herren,

hiermit sage ich meinen Termin am 3. Dezember um 9:40 Uhr ab, da ich beruflich verreisen muss. Ich melde mich im neuen Jahr wieder wegen eines neuen Termins.

Mit freundlichen Grüßen
Jürgen Mahler`, 'Terminanfrage', 'niedrig'],
  ['ap-011', 'Arztpraxis', 'Sophie Reinhardt <sophie.reinhardt@post.example>', 'Kind hat hohes Fieber',
`Hallo,

mein Sohn (4 Jahre) hat seit heute Nacht über 40 Grad Fieber, trinkt kaum und ist sehr schlapp. Fiebersaft hilft nur kurz. Können wir heute Vormittag noch kommen?

Sophie Reinhardt, Tel. 030 23125 448`, 'Terminanfrage', 'hoch'],
  ['ap-012', 'Arztpraxis', 'Walter Engelke <w.engelke@online.example>', 'Zahlungserinnerung erhalten',
`Guten Tag,

ich habe eine Zahlungserinnerung über 68,40 € für eine IGeL-Leistung vom August bekommen. Ich meine, dass ich damals in der Praxis bar bezahlt habe, finde die Quittung aber nicht mehr. Können Sie bitte in Ihren Unterlagen nachsehen?

Walter Engelke`, 'Rechnung/Zahlung', 'mittel'],
  ['ap-013', 'Arztpraxis', 'Dr. med. Carsten Frey – Radiologie am Park <befunde@radiologie-park.example>', 'Befund MRT Knie rechts – Patientin Kolbe',
`Sehr geehrte Frau Kollegin,

anbei erhalten Sie den Befund der MRT-Untersuchung des rechten Kniegelenks Ihrer Patientin Bettina Kolbe (geb. 27.11.1979) vom heutigen Tag. Es zeigt sich ein Korbhenkelriss des Innenmeniskus. Wir empfehlen eine zeitnahe orthopädische Vorstellung.

Mit kollegialen Grüßen
Dr. med. Carsten Frey`, 'Rezept/Befund', 'mittel'],
  ['ap-014', 'Arztpraxis', 'Miriam Hollmann <miriam.hollmann@mailbox.example>', 'Öffnungszeiten zwischen den Jahren',
`Hallo liebes Praxisteam,

haben Sie zwischen Weihnachten und Neujahr geöffnet? Ich wollte mich nur erkundigen, falls ich in der Zeit etwas brauche.

Viele Grüße
Miriam Hollmann`, 'Sonstiges', 'niedrig'],
  ['ap-015', 'Arztpraxis', 'Rüdiger Stahl <r.stahl@post.example>', 'Insulin fast aufgebraucht',
`Guten Tag,

ich bin gerade erst aus dem Urlaub zurück und habe gemerkt, dass mein Insulin (Lantus-Pens) nur noch bis morgen früh reicht. Ich brauche dringend heute noch ein Rezept, sonst komme ich nicht über das Wochenende. Kann ich es heute Nachmittag abholen?

Rüdiger Stahl, geb. 19.06.1958
Tel. 040 66969 730`, 'Rezept/Befund', 'hoch'],
  ['ap-016', 'Arztpraxis', 'Carina Wolff <carina.wolff@online.example>', 'Bewerbung als MFA',
`Sehr geehrte Frau Dr. Ahrens,

hiermit bewerbe ich mich als Medizinische Fachangestellte in Teilzeit (25 Stunden). Ich habe sechs Jahre Berufserfahrung in einer internistischen Praxis. Lebenslauf und Zeugnisse finden Sie im Anhang.

Mit freundlichen Grüßen
Carina Wolff`, 'Sonstiges', 'niedrig'],
  ['ap-017', 'Arztpraxis', 'Hans-Georg Wittkamp <hg.wittkamp@post.example>', 'Rechnung doppelt bekommen?',
`Guten Tag,

ich habe heute eine Rechnung über 92,18 € für die Sportuntersuchung bekommen. Dieselbe Rechnung habe ich aber schon im Oktober bezahlt, glaube ich. Können Sie bitte prüfen, ob das ein Versehen ist, bevor ich doppelt zahle?

Freundliche Grüße
Hans-Georg Wittkamp`, 'Rechnung/Zahlung', 'mittel'],
  ['ap-018', 'Arztpraxis', 'Lisa Brockmann <lisa.brockmann@online.example>', 'Frage zur Grippeimpfung',
`Hallo,

bieten Sie dieses Jahr noch die Grippeimpfung an, und muss man dafür einen Termin machen oder kann man einfach in die offene Sprechstunde kommen? Ich habe keine Beschwerden, es geht nur um die Organisation.

Viele Grüße
Lisa Brockmann`, 'Sonstiges', 'niedrig']
];

function build(): Row[] {
  for (const [b, text] of Object.entries(KATEGORIE_TEXT)) {
    const parsed = text.split('; ').map((x) => x.replace(/\s*\(.*$/, ''));
    if (parsed.join('|') !== KATEGORIEN[b as Branche].join('|')) throw new Error(`${b}: category text does not split into the labels`);
  }
  return MAILS.map(([id, branche, absender, betreff, text, kategorie, dringlichkeit]) => {
    if (!KATEGORIEN[branche].includes(kategorie)) throw new Error(`${id}: ${kategorie} not a ${branche} label`);
    return {
      id: `triage-${id}`,
      input: { branche, kategorien: KATEGORIE_TEXT[branche], absender, betreff, text },
      expected: { kategorie, dringlichkeit },
      meta: { branche, synthetic: true }
    };
  });
}

const rows = build();
const file = writeItems('de-email-triage', rows, [
  'phone numbers come from blocks reserved for use in fiction; e-mail domains use the reserved .example top-level domain'
]);
console.log(`wrote ${rows.length} items to ${file}`);
