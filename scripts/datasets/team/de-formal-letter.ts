// Generator for datasets/de-formal-letter/items.jsonl: tasks for formal replies in Kanzlei style
// (Rechtsanwälte, Steuerberatung). Input: the situation (who writes to whom, what the reply must say) and
// the incoming letter. Expected: the exact salutation, item-specific rule checks (facts such as the
// Aktenzeichen, dates and amounts that must appear) and a German rubric for an LLM judge.
// Suite-wide rules (Sie-Form, Grußformel, no placeholders, word limit) live in benchmarks/de-formal-letter.yaml.
// Run: npx tsx scripts/datasets/team/de-formal-letter.ts
import { deAmount, deDate, writeItems, type Row } from './lib';

const longDate = (iso: string): string => deDate(iso, 'long');

const MONATE = ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'];

/** Regex source matching a date in the usual German spellings: 04.12.2026, 4.12., 4. Dezember 2026. */
export function datePattern(iso: string): string {
  const [, m, d] = iso.split('-').map(Number);
  const day = d < 10 ? `0?${d}` : String(d);
  const mon = m < 10 ? `0?${m}` : String(m);
  return `(?<!\\d)${day}\\.\\s?(?:${mon}\\.|${MONATE[m - 1]})`;
}

/** Regex source for an amount like 892,50 (also "892,50 €", "EUR 892,50"; thousands dot optional). */
export function amountPattern(v: number): string {
  const [int, dec] = v.toFixed(2).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, '\\.?');
  return dec === '00' ? `(?<![\\d.,])${grouped}(?:,00|,-)?(?![\\d,])` : `(?<![\\d.,])${grouped},${dec}(?!\\d)`;
}

/** A required fact: literal text or a pattern, plus `sample`, a natural spelling the rule must accept (used by tests). */
type Fact = { id: string; text?: string; pattern?: string; sample: string };

interface Task {
  id: string;
  art: string;
  absender: string;
  salutation: string;
  situation: string;
  eingang: string;
  facts: Fact[];
  maxWords?: number;
  rubric: string;
}

const LW = 'Dr. Lenz & Wolters Rechtsanwälte PartG mbB, Domplatz 9, 48143 Münster';
const ST = 'Kanzlei Steinhauer Arbeitsrecht, Königsallee 40, 40212 Düsseldorf';
const GR = 'Steuerberatung Gröning & Kollegen, Marktstraße 12, 33602 Bielefeld';

const az = (v: string): Fact => ({ id: 'aktenzeichen', text: v, sample: v });
const datum = (iso: string, id = 'datum'): Fact => ({ id, pattern: datePattern(iso), sample: longDate(iso) });
const betrag = (v: number, id = 'betrag'): Fact => ({ id, pattern: amountPattern(v), sample: `${deAmount(v)} €` });
const wort = (id: string, text: string): Fact => ({ id, text, sample: text });
const muster = (id: string, pattern: string, sample: string): Fact => ({ id, pattern, sample });

const TASKS: Task[] = [
  { id: 'brief-001', art: 'Sachstandsmitteilung', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrter Herr Heidemann',
    situation: 'Der Mandant Frank Heidemann (Mietsache, Aktenzeichen 214/26) fragt nach dem Stand. Die Kanzlei hat der Gegenseite am 20. November 2026 geschrieben und eine Antwortfrist bis zum 4. Dezember 2026 gesetzt. Teilen Sie ihm das mit und kündigen Sie an, dass Sie sich nach Fristablauf wieder melden.',
    eingang: 'Sehr geehrter Herr Wolters,\nich wollte fragen, ob sich in meiner Sache etwas getan hat. Der Schimmel im Schlafzimmer ist immer noch da, und ich bin langsam mit den Nerven am Ende.\nViele Grüße\nFrank Heidemann',
    facts: [az('214/26'), datum('2026-12-04', 'frist')], rubric: 'Geht einfühlsam, aber sachlich auf die Belastung des Mandanten ein; erklärt verständlich, was bereits geschehen ist und was als Nächstes passiert; verspricht keinen Ausgang des Verfahrens.' },
  { id: 'brief-002', art: 'Fristverlängerung beantragen', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Kollege Dorn',
    situation: 'Rechtsanwalt Thomas Dorn (Gegenseite, Sache Brauer ./. Stadtwerke, Ihr Aktenzeichen 301/26) hat um Zustimmung zur Verlängerung der Replikfrist um zwei Wochen gebeten, weil sein Mandant im Krankenhaus liegt. Frau Dr. Lenz stimmt der Verlängerung bis zum 21. Dezember 2026 zu und bittet darum, dies dem Gericht mitzuteilen. Anrede unter Kollegen: „Sehr geehrter Herr Kollege Dorn“.',
    eingang: 'Sehr geehrte Frau Kollegin Lenz,\nin der Sache Brauer ./. Stadtwerke bitten wir um Zustimmung zu einer Verlängerung der vom Gericht gesetzten Frist zur Replik um zwei Wochen, da unser Mandant derzeit im Krankenhaus ist.\nMit freundlichen kollegialen Grüßen\nRA Thomas Dorn',
    facts: [az('301/26'), datum('2026-12-21', 'neue_frist'), wort('sache', 'Brauer')], maxWords: 180, rubric: 'Kollegialer, knapper Ton unter Anwälten; Zustimmung eindeutig formuliert und auf das neue Fristende begrenzt; enthält die Bitte, das Gericht zu informieren; keine Ausführungen zur Sache selbst.' },
  { id: 'brief-003', art: 'Terminbestätigung', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrte Frau Rensing',
    situation: 'Claudia und Werner Rensing möchten sich zu einem gemeinschaftlichen Testament beraten lassen. Bestätigen Sie den Termin am 14. Januar 2027 um 10:00 Uhr in der Kanzlei und bitten Sie darum, eine Aufstellung des Vermögens und vorhandene Testamente mitzubringen. Der Brief geht an Frau Rensing.',
    eingang: 'Guten Tag,\nmein Mann und ich möchten gerne ein gemeinschaftliches Testament aufsetzen und uns dazu beraten lassen. Hätten Sie im Januar einen Termin frei? Vormittags wäre uns am liebsten.\nFreundliche Grüße\nClaudia und Werner Rensing',
    facts: [datum('2027-01-14', 'termin'), muster('uhrzeit', '10(?::00|\\.00)?\\s*Uhr', '10:00 Uhr'), wort('vermoegen', 'Vermögen')], maxWords: 200, rubric: 'Bestätigt Datum, Uhrzeit und Ort klar; nennt die mitzubringenden Unterlagen in einer übersichtlichen Form; freundlich und einladend, ohne bereits Rechtsrat zu erteilen.' },
  { id: 'brief-004', art: 'Honorarerläuterung', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Ruhnau',
    situation: 'Stefan Ruhnau (Ruhnau Metallbau GmbH, Aktenzeichen 077/25) fragt, warum in der Kostennote vom 10. November 2026 ein Gegenstandswert von 45.000 € angesetzt ist. Erläutern Sie: Neben der Werklohnforderung von 30.000 € war auch die Abwehr der Gegenforderung von 15.000 € Gegenstand des Auftrags; beide Werte werden addiert. Bieten Sie ein kurzes Telefonat an.',
    eingang: 'Sehr geehrte Frau Dr. Lenz,\nvielen Dank für Ihre Kostennote vom 10.11. Mir ist nicht ganz klar, wie sich der Gegenstandswert von 45.000 € ergibt; wir hatten im Erstgespräch über eine Forderung von rund 30.000 € gesprochen.\nMit freundlichen Grüßen\nStefan Ruhnau',
    facts: [az('077/25'), betrag(45000, 'gegenstandswert'), betrag(15000, 'gegenforderung'), datum('2026-11-10', 'kostennote')], rubric: 'Erklärt die Zusammensetzung des Gegenstandswerts nachvollziehbar und ohne Fachjargon-Überfrachtung; bleibt verbindlich und nicht defensiv; bietet ein Gespräch an.' },
  { id: 'brief-005', art: 'Mandatsablehnung', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrte Frau Hartwig',
    situation: 'Gisela Hartwig bittet um Vertretung gegen die Hausverwaltung Pröpper & Söhne. Die Kanzlei vertritt die Hausverwaltung bereits in anderen Angelegenheiten; es besteht ein Interessenkonflikt. Lehnen Sie das Mandat höflich ab, ohne Einzelheiten über den anderen Mandanten preiszugeben, und empfehlen Sie, sich an die Rechtsanwaltskammer Hamm (Anwaltssuche) oder den Mieterverein zu wenden.',
    eingang: 'Sehr geehrter Herr Wolters,\nmeine Hausverwaltung, die Firma Pröpper & Söhne, rechnet seit Jahren falsche Nebenkosten ab. Ich möchte, dass Sie mich vertreten. Können wir dazu einen Termin machen?\nMit freundlichen Grüßen\nGisela Hartwig',
    facts: [wort('kammer', 'Rechtsanwaltskammer')], maxWords: 200, rubric: 'Lehnt klar, aber freundlich ab; nennt als Grund einen Interessenkonflikt bzw. berufsrechtliche Gründe, ohne zu verraten, wen die Kanzlei vertritt oder in welchen Angelegenheiten; gibt einen hilfreichen Hinweis, wo Frau Hartwig Unterstützung findet; weist gegebenenfalls auf laufende Fristen hin.' },
  { id: 'brief-006', art: 'Unterlagen anfordern', absender: `Dr. Miriam Steinhauer, Fachanwältin für Arbeitsrecht, ${ST}`, salutation: 'Sehr geehrte Frau Oberholz',
    situation: 'Martina Oberholz hat am 23. November 2026 eine Kündigung erhalten; die Kanzlei übernimmt das Mandat (Aktenzeichen ST-118/26). Die dreiwöchige Klagefrist endet am 14. Dezember 2026. Fordern Sie bis spätestens 2. Dezember 2026 an: Kündigungsschreiben, Arbeitsvertrag, letzte drei Gehaltsabrechnungen, die Deckungszusage der Rechtsschutzversicherung (Schadennummer, falls vorhanden).',
    eingang: 'Sehr geehrte Frau Dr. Steinhauer,\nvielen Dank für das gestrige Gespräch. Was brauchen Sie jetzt noch von mir? Ich möchte auf keinen Fall eine Frist verpassen.\nMit freundlichen Grüßen\nMartina Oberholz',
    facts: [az('ST-118/26'), datum('2026-12-14', 'klagefrist'), datum('2026-12-02', 'rueckgabe'), wort('arbeitsvertrag', 'Arbeitsvertrag'), wort('gehalt', 'Gehaltsabrechnung')], rubric: 'Listet die benötigten Unterlagen vollständig und übersichtlich (z. B. als Aufzählung); macht die Bedeutung der Klagefrist klar, ohne Panik zu verbreiten; nennt das Rückgabedatum deutlich.' },
  { id: 'brief-007', art: 'Vorschussanforderung', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrte Frau Petersen',
    situation: 'Jana Petersen hat die Kanzlei mit dem Einspruch gegen einen Bußgeldbescheid beauftragt (Aktenzeichen 388/26). Der Einspruch wurde am 25. November 2026 eingelegt. Bitten Sie um einen Vorschuss von 595,00 € (brutto) bis 11. Dezember 2026 und erklären Sie, dass Akteneinsicht beantragt wurde.',
    eingang: 'Hallo Herr Wolters,\nhaben Sie den Einspruch schon eingelegt? Und was kommt jetzt auf mich zu?\nGruß, Jana Petersen',
    facts: [az('388/26'), betrag(595), datum('2026-12-11', 'zahlungsfrist'), wort('akteneinsicht', 'Akteneinsicht'), datum('2026-11-25', 'einspruch')], rubric: 'Bestätigt die Einlegung des Einspruchs; erklärt die nächsten Schritte (Akteneinsicht) verständlich; die Vorschussbitte ist höflich und eindeutig mit Betrag und Frist.' },
  { id: 'brief-008', art: 'Antwort auf informelle Mail', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Thamm',
    situation: 'Oliver Thamm, ein langjähriger Mandant, schreibt sehr locker und duzt. Die Kanzlei antwortet trotzdem förmlich. Sein Besprechungstermin am 2. Dezember 2026 um 14 Uhr fällt aus; bieten Sie als Ersatz den 8. Dezember 2026 um 9:30 Uhr oder den 10. Dezember 2026 um 16 Uhr an (Aktenzeichen 155/26).',
    eingang: 'Hi Katrin,\nsorry, ich muss morgen absagen – Tochter krank. Kannst du mir nächste Woche was anbieten? Bin flexibel.\nLG Olli',
    facts: [az('155/26'), datum('2026-12-08', 'termin1'), datum('2026-12-10', 'termin2')], maxWords: 160, rubric: 'Bleibt trotz der lockeren Anfrage konsequent in der Sie-Form und im förmlichen Ton, wirkt dabei aber nicht steif oder unfreundlich; wünscht der Tochter gute Besserung; nennt beide Ersatztermine klar.' },
  { id: 'brief-009', art: 'Eingangsbestätigung', absender: `Hendrik Gröning, Steuerberater, ${GR}`, salutation: 'Sehr geehrter Herr Gerlach',
    situation: 'Dirk Gerlach (Mandantennummer 20417) hat seine Belege für die Einkommensteuererklärung 2025 eingereicht. Bestätigen Sie den Eingang am 26. November 2026, teilen Sie mit, dass noch die Bescheinigung über die Riester-Beiträge fehlt, und dass die Erklärung bis zum 28. Februar 2027 abgegeben wird, sofern die Bescheinigung bis 15. Januar 2027 vorliegt.',
    eingang: 'Sehr geehrter Herr Gröning,\nanbei meine Unterlagen für die Steuererklärung 2025. Ich hoffe, es ist alles dabei.\nBeste Grüße\nDirk Gerlach',
    facts: [wort('mandantennummer', '20417'), wort('riester', 'Riester'), datum('2027-01-15', 'nachreichen'), datum('2027-02-28', 'abgabe')], rubric: 'Bestätigt den Eingang knapp; benennt die fehlende Unterlage eindeutig; stellt den Zusammenhang zwischen Nachreichung und Abgabetermin verständlich dar.' },
  { id: 'brief-010', art: 'Auskunftsersuchen beantworten (DSGVO)', absender: `Rechtsanwältin Dr. Katrin Lenz (Datenschutzverantwortliche der Kanzlei), ${LW}`, salutation: 'Sehr geehrter Herr Krüger',
    situation: 'Dennis Krüger verlangt Auskunft nach Art. 15 DSGVO. Er war 2024 Gegner in einem Mandat der Kanzlei. Teilen Sie mit: Die Kanzlei verarbeitet Name, Anschrift und Korrespondenz im Rahmen eines Mandats; eine Auskunft über Einzelheiten kann wegen der anwaltlichen Schweigepflicht (§ 29 Abs. 1 Satz 2 BDSG) eingeschränkt sein; die Kopie der ihn betreffenden Stammdaten liegt bei. Beantwortet wird innerhalb der Monatsfrist.',
    eingang: 'Sehr geehrte Damen und Herren,\nhiermit verlange ich Auskunft nach Art. 15 DSGVO über alle bei Ihnen gespeicherten Daten zu meiner Person.\nMit freundlichen Grüßen\nDennis Krüger',
    facts: [muster('art15', 'Art(?:\\.|ikel)\\s?15', 'Art. 15 DSGVO'), muster('bdsg29', '§\\s?29', '§ 29 Abs. 1 Satz 2 BDSG'), wort('schweigepflicht', 'Schweigepflicht')], rubric: 'Beantwortet das Auskunftsersuchen korrekt und ohne Mandatsgeheimnisse preiszugeben; nennt Kategorien der Daten und die Rechtsgrundlage für die Einschränkung; sachlich und nicht abweisend; weist auf das Beschwerderecht bei der Aufsichtsbehörde hin.' },
  { id: 'brief-011', art: 'Terminverlegung durch Gericht mitteilen', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrter Herr Kowalski',
    situation: 'Das Amtsgericht hat im Rechtsstreit Kowalski ./. Hausmann (Az. 12 C 845/26, Kanzlei-Aktenzeichen 240/26) den Termin vom 8. Dezember 2026 aufgehoben. Neuer Termin: 19. Januar 2027, 10:30 Uhr, Saal 2.014. Das persönliche Erscheinen des Mandanten ist angeordnet. Teilen Sie das Herrn Kowalski mit und bieten Sie eine Vorbesprechung an.',
    eingang: '(Verfügung des Amtsgerichts) In dem Rechtsstreit Kowalski ./. Hausmann, Az. 12 C 845/26, wird der Termin zur mündlichen Verhandlung vom 8. Dezember 2026 aufgehoben und neu bestimmt auf Dienstag, 19. Januar 2027, 10:30 Uhr, Saal 2.014. Das persönliche Erscheinen der Parteien wird angeordnet.',
    facts: [wort('gericht_az', '12 C 845/26'), datum('2027-01-19', 'neuer_termin'), muster('uhrzeit', '10[:.]30', '10:30 Uhr'), wort('saal', '2.014'), wort('erscheinen', 'persönlich')], rubric: 'Gibt die Information des Gerichts korrekt und vollständig weiter; betont verständlich, dass der Mandant persönlich erscheinen muss; bietet eine Vorbesprechung an.' },
  { id: 'brief-012', art: 'Absage einer Besprechung', absender: `Dr. Miriam Steinhauer, Fachanwältin für Arbeitsrecht, ${ST}`, salutation: 'Sehr geehrte Damen und Herren',
    situation: 'Die Personalabteilung der Lindner Logistik GmbH (ohne namentlich bekannte Ansprechperson) hat um ein Vergleichsgespräch am 3. Dezember 2026 gebeten. Frau Dr. Steinhauer vertritt die Arbeitnehmerin Oberholz (Aktenzeichen ST-118/26) und kann an diesem Tag nicht. Sie schlägt den 9. Dezember 2026 vor und bittet um schriftliches Vergleichsangebot vorab.',
    eingang: 'Sehr geehrte Frau Dr. Steinhauer,\nin der Angelegenheit Ihrer Mandantin Frau Oberholz schlagen wir ein Gespräch über eine einvernehmliche Lösung am 3. Dezember 2026 in unseren Räumen vor.\nMit freundlichen Grüßen\nPersonalabteilung Lindner Logistik GmbH',
    facts: [az('ST-118/26'), datum('2026-12-09', 'ersatztermin'), wort('oberholz', 'Oberholz'), wort('vergleich', 'Vergleich')], rubric: 'Verbindlicher, sachlicher Ton gegenüber der Gegenseite; keine Zugeständnisse in der Sache; klarer Gegenvorschlag; die Bitte um ein schriftliches Angebot vorab ist deutlich.' },
  { id: 'brief-013', art: 'Mandatsbestätigung', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrte Frau Kessler',
    situation: 'Nadine Kessler beauftragt die Kanzlei mit der Vertretung im Scheidungsverfahren (Aktenzeichen 402/26). Bestätigen Sie die Mandatsübernahme, legen Sie die Vollmacht zur Unterschrift bei und bitten Sie um Rücksendung bis zum 11. Dezember 2026. Weisen Sie darauf hin, dass nur ein Ehegatte anwaltlich vertreten sein muss, der andere aber keine eigenen Anträge stellen kann.',
    eingang: 'Sehr geehrte Frau Dr. Lenz,\nvielen Dank für das Beratungsgespräch. Ich möchte, dass Sie mich im Scheidungsverfahren vertreten. Was muss ich jetzt tun?\nMit freundlichen Grüßen\nNadine Kessler',
    facts: [az('402/26'), wort('vollmacht', 'Vollmacht'), datum('2026-12-11', 'ruecksendung')], rubric: 'Bestätigt das Mandat eindeutig; erklärt den nächsten Schritt (Vollmacht) und die Frist; der Hinweis zur Vertretung des anderen Ehegatten ist inhaltlich korrekt und verständlich; einfühlsamer, aber professioneller Ton.' },
  { id: 'brief-014', art: 'Bitte um Zahlungserinnerung (Mandant)', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrte Frau Brehm',
    situation: 'Susanne Brehm (Aktenzeichen 311/26) hat mitgeteilt, die Vorschussrechnung über 892,50 € überwiesen zu haben. Bestätigen Sie den Zahlungseingang am 24. November 2026 und bedanken Sie sich.',
    eingang: 'Hallo Frau Yilmaz,\nnur zur Info: Die Vorschussrechnung über 892,50 € habe ich heute überwiesen. Könnten Sie mir bitte kurz den Eingang bestätigen, wenn das Geld da ist? Danke!\nSusanne Brehm',
    facts: [az('311/26'), betrag(892.5), datum('2026-11-24', 'eingang')], maxWords: 120, rubric: 'Kurz und freundlich; bestätigt Betrag und Eingangsdatum eindeutig; keine unnötigen Ausführungen.' },
  { id: 'brief-015', art: 'Verwechslung Rechnung', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrte Frau Hartwig',
    situation: 'Gisela Hartwig hat eine Rechnung der Kanzlei (Nr. 2026-3318) erhalten, obwohl sie keine Mandantin ist. Die Prüfung ergab eine Verwechslung mit einer gleichnamigen Mandantin. Entschuldigen Sie sich, teilen Sie mit, dass die Rechnung storniert ist und sie nichts zahlen muss, und dass ihre Daten aus dem Vorgang gelöscht wurden.',
    eingang: 'Guten Tag,\nich habe eine Rechnung Ihrer Kanzlei bekommen, Rechnungsnummer 2026-3318, kann sie aber keinem Vorgang zuordnen. Ich war meines Wissens nie Ihre Mandantin.\nGisela Hartwig',
    facts: [wort('rechnungsnummer', '2026-3318'), wort('storniert', 'storn')], maxWords: 180, rubric: 'Entschuldigt sich aufrichtig und ohne Ausreden; sagt klar, dass keine Zahlung erforderlich ist; gibt keine Informationen über die andere Mandantin preis.' },
  { id: 'brief-016', art: 'Fristverlängerung beim Finanzamt', absender: `Hendrik Gröning, Steuerberater, ${GR}`, salutation: 'Sehr geehrte Damen und Herren',
    situation: 'Schreiben an das Finanzamt Bielefeld-Innenstadt, Steuernummer 305/5120/4471, Mandant Ruhnau Metallbau GmbH. Das Finanzamt hat bis zum 4. Dezember 2026 Belege zur Umsatzsteuer-Sonderprüfung angefordert. Beantragen Sie eine Fristverlängerung bis zum 18. Dezember 2026, weil die zuständige Buchhalterin des Mandanten erkrankt ist.',
    eingang: '(Schreiben des Finanzamts) Steuernummer 305/5120/4471 – Ruhnau Metallbau GmbH. Wir bitten Sie, die in der Anlage aufgeführten Eingangsrechnungen des 2. Quartals 2026 bis zum 4. Dezember 2026 vorzulegen.',
    facts: [wort('steuernummer', '305/5120/4471'), datum('2026-12-18', 'neue_frist'), datum('2026-12-04', 'alte_frist')], maxWords: 180, rubric: 'Sachlicher Antrag an eine Behörde; nennt Steuernummer, Mandant, bisherige und beantragte Frist sowie eine nachvollziehbare Begründung, ohne Gesundheitsdetails der Buchhalterin auszubreiten.' },
  { id: 'brief-017', art: 'Antwort Mandantenanfrage Erbrecht', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrter Herr Klasen',
    situation: 'Heinz-Dieter Klasen (Aktenzeichen 096/26) fragt nach dem Stand seiner Erbschaftssache. Das Nachlassgericht hat sich noch nicht gemeldet; die Kanzlei hat am 18. November 2026 an die Erteilung des Erbscheins erinnert. Üblich sind mehrere Wochen Bearbeitungszeit. Sie melden sich, sobald der Erbschein vorliegt.',
    eingang: 'Sehr geehrter Herr Wolters,\nich wollte mal nachfragen, ob es in meiner Erbschaftsangelegenheit schon etwas Neues gibt. Hat sich das Nachlassgericht inzwischen gemeldet? Keine Eile, ich bin nur neugierig.\nViele Grüße\nHeinz-Dieter Klasen',
    facts: [az('096/26'), wort('erbschein', 'Erbschein'), datum('2026-11-18', 'erinnerung')], maxWords: 170, rubric: 'Freundlich und knapp; ehrlich, dass noch keine Nachricht vorliegt; erklärt die Erinnerung beim Gericht; gibt keine konkreten Zusagen zur Dauer, die die Kanzlei nicht einhalten kann.' },
  { id: 'brief-018', art: 'Aufforderung an Gegenseite', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Quast',
    situation: 'Die Kanzlei vertritt den Mieter Frank Heidemann (Aktenzeichen 214/26) gegenüber dem Vermieter Rolf Quast (nicht anwaltlich vertreten). Fordern Sie Herrn Quast auf, den Schimmelbefall im Schlafzimmer der Wohnung Weidenstraße 8, 2. OG, bis zum 18. Dezember 2026 fachgerecht beseitigen zu lassen. Kündigen Sie an, dass der Mandant andernfalls die Miete mindert und weitere rechtliche Schritte prüft. Eine Vollmacht liegt bei.',
    eingang: '(Keine Eingangspost – Erstschreiben an den Vermieter.)',
    facts: [az('214/26'), datum('2026-12-18', 'frist'), wort('vollmacht', 'Vollmacht'), wort('minderung', 'minder')], rubric: 'Bestimmter, aber nicht drohender Ton; Mangel, Frist und Rechtsfolgen sind klar benannt; Vollmacht wird erwähnt; keine Beleidigungen oder Übertreibungen.' },
  { id: 'brief-019', art: 'Terminbestätigung Erstberatung', absender: `Dr. Miriam Steinhauer, Fachanwältin für Arbeitsrecht, ${ST}`, salutation: 'Sehr geehrter Herr Schrader',
    situation: 'Kevin Schrader möchte sich wegen einer angekündigten Kündigung beraten lassen. Bestätigen Sie die Erstberatung am 1. Dezember 2026 um 17:30 Uhr per Videokonferenz. Die Pauschale für die Erstberatung beträgt 190,00 € zuzüglich Umsatzsteuer. Den Zugangslink erhält er am Vortag per E-Mail.',
    eingang: 'Guten Tag,\nmein Betriebsrat hat mir gesagt, dass meine Kündigung geplant ist. Kann ich schnell einen Termin bekommen? Am liebsten abends und online.\nKevin Schrader',
    facts: [datum('2026-12-01', 'termin'), muster('uhrzeit', '17[:.]30', '17:30 Uhr'), betrag(190, 'pauschale'), wort('video', 'Video')], maxWords: 170, rubric: 'Bestätigt Termin und Form klar; nennt die Kosten transparent (netto zuzüglich Umsatzsteuer); knapp und beruhigend.' },
  { id: 'brief-020', art: 'Kündigung des Mandats', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrter Herr Pietsch',
    situation: 'Holger Pietsch (Aktenzeichen 133/26) hat trotz zweier Erinnerungen die angeforderten Unterlagen nicht eingereicht und ist nicht erreichbar. Herr Wolters legt das Mandat nieder. Weisen Sie darauf hin, dass die Verjährung der Forderung gegen die Firma Kuhlmann am 31. Dezember 2026 droht und er sich umgehend anderweitig beraten lassen sollte. Die Unterlagen werden auf Wunsch zurückgesandt.',
    eingang: '(Keine Eingangspost.)',
    facts: [az('133/26'), datum('2026-12-31', 'verjaehrung_datum'), wort('verjaehrung', 'Verjährung')], rubric: 'Mandatsniederlegung ist eindeutig, aber nicht vorwurfsvoll; der Hinweis auf die drohende Verjährung ist unübersehbar und verständlich; regelt die Rückgabe der Unterlagen.' },
  { id: 'brief-021', art: 'Auskunft zu Kosten', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrte Frau Sommerfeld',
    situation: 'Lea Sommerfeld fragt, was ein Erstgespräch wegen ihrer nicht zurückgezahlten Kaution (2.400 €) kostet. Antworten Sie: Die Erstberatung für Verbraucher kostet pauschal 190 € zuzüglich Umsatzsteuer (226,10 € brutto); eine Rechtsschutzversicherung übernimmt die Kosten häufig; Termin am 7. Dezember 2026 um 11 Uhr möglich.',
    eingang: 'Guten Tag,\nich bin im Juni aus meiner Wohnung ausgezogen, und mein ehemaliger Vermieter zahlt die Kaution (2.400 €) nicht zurück. Übernehmen Sie solche Fälle? Was würde mich ein Erstgespräch kosten?\nMit freundlichen Grüßen\nLea Sommerfeld',
    facts: [betrag(226.1, 'brutto'), datum('2026-12-07', 'termin'), wort('rechtsschutz', 'Rechtsschutz')], maxWords: 200, rubric: 'Beantwortet die Kostenfrage direkt und transparent; macht ein konkretes Terminangebot; ermutigt, ohne den Erfolg zu versprechen.' },
  { id: 'brief-022', art: 'Schriftliche Zusammenfassung Beratung', absender: `Hendrik Gröning, Steuerberater, ${GR}`, salutation: 'Sehr geehrter Herr Ruhnau',
    situation: 'Fassen Sie für Stefan Ruhnau (Ruhnau Metallbau GmbH, Mandantennummer 10233) das Gespräch vom 24. November 2026 zusammen: Die Anschaffung des neuen Schweißroboters (netto 84.000 €) soll noch im Dezember 2026 erfolgen, damit die Abschreibung bereits 2026 beginnt; die Rechnung muss bis 31. Dezember 2026 vorliegen und die Lieferung bis dahin erfolgt sein.',
    eingang: 'Sehr geehrter Herr Gröning,\nkönnen Sie mir das, was wir heute besprochen haben, noch einmal kurz schriftlich geben? Ich muss es meinem Mitgesellschafter vorlegen.\nBeste Grüße\nStefan Ruhnau',
    facts: [wort('mandantennummer', '10233'), betrag(84000, 'anschaffung'), datum('2026-12-31', 'stichtag'), wort('abschreibung', 'Abschreibung')], rubric: 'Strukturierte, für Dritte (Mitgesellschafter) verständliche Zusammenfassung; der Zusammenhang zwischen Lieferung bis zum Jahresende und Abschreibungsbeginn wird korrekt dargestellt; keine überflüssigen Fachbegriffe.' },
  { id: 'brief-023', art: 'Widerspruch Mahnbescheid bestätigen', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Gehrmann',
    situation: 'Ralf Gehrmann (Gehrmann Bau GmbH, Aktenzeichen 077/25-2) hat wegen eines Mahnbescheids über 18.700 € um Widerspruch gebeten. Der Widerspruch wurde am 26. November 2026 beim Mahngericht eingelegt (Widerspruchsfrist zwei Wochen ab Zustellung). Erklären Sie, dass das streitige Verfahren nun nur auf Antrag einer Partei (in der Regel des Antragstellers) durchgeführt wird, und bitten Sie um die Mängelprotokolle der Baustelle.',
    eingang: 'Sehr geehrte Frau Dr. Lenz,\nunser Unternehmen hat heute einen Mahnbescheid über 18.700 € von einem ehemaligen Subunternehmer zugestellt bekommen. Bitte legen Sie Widerspruch ein – wie lange haben wir dafür Zeit?\nMit freundlichen Grüßen\nRalf Gehrmann',
    facts: [az('077/25-2'), betrag(18700, 'forderung'), datum('2026-11-26', 'widerspruch'), wort('maengel', 'Mängel')], rubric: 'Bestätigt den eingelegten Widerspruch und beantwortet die Fristfrage korrekt (zwei Wochen ab Zustellung); erklärt das weitere Verfahren verständlich; fordert die benötigten Unterlagen konkret an.' },
  { id: 'brief-024', art: 'Höfliche Absage Kooperation', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrter Herr Marquardt',
    situation: 'Kevin Marquardt von der Personalvermittlung LegalTalents bietet der Kanzlei Bewerberinnen an. Die Kanzlei hat derzeit keinen Bedarf und arbeitet grundsätzlich nicht mit Personalvermittlungen. Sagen Sie höflich ab und bitten Sie, von weiteren Anrufen abzusehen.',
    eingang: 'Guten Tag,\nwir vermitteln seit über zehn Jahren qualifizierte Fachkräfte an Kanzleien in ganz Deutschland. Aktuell haben wir mehrere erfahrene ReFas im Portfolio, die kurzfristig verfügbar sind. Darf ich Sie dazu einmal anrufen?\nMit besten Grüßen\nKevin Marquardt, LegalTalents',
    facts: [wort('kein_bedarf', 'Bedarf')], maxWords: 120, rubric: 'Kurz, höflich und unmissverständlich; keine Begründungen, die eine Hintertür öffnen; die Bitte, keine weiteren Anrufe zu tätigen, ist freundlich formuliert.' },
  { id: 'brief-025', art: 'Stellungnahme an Rechtsschutzversicherung', absender: `Dr. Miriam Steinhauer, Fachanwältin für Arbeitsrecht, ${ST}`, salutation: 'Sehr geehrte Damen und Herren',
    situation: 'Bitten Sie die ARAG SE um Deckungszusage für die Mandantin Martina Oberholz, Versicherungsschein-Nr. 44-8812-3370, für eine Kündigungsschutzklage. Kündigung vom 23. November 2026, Betriebszugehörigkeit seit 2015, Bruttomonatsgehalt 3.850 €. Klagefrist endet am 14. Dezember 2026; bitten Sie um Rückmeldung bis 7. Dezember 2026.',
    eingang: '(Keine Eingangspost – Erstanfrage an die Versicherung.)',
    facts: [wort('versicherungsschein', '44-8812-3370'), datum('2026-11-23', 'kuendigung'), datum('2026-12-14', 'klagefrist'), datum('2026-12-07', 'rueckmeldung'), betrag(3850, 'gehalt')], rubric: 'Vollständige Deckungsanfrage mit allen für die Versicherung relevanten Angaben (Versicherungsnummer, Sachverhalt, Frist); sachlich und strukturiert; die Eilbedürftigkeit wird begründet.' },
  { id: 'brief-026', art: 'Nachfrage bei Mandant (fehlende Unterschrift)', absender: `Hendrik Gröning, Steuerberater, ${GR}`, salutation: 'Sehr geehrte Frau Mertens',
    situation: 'Angelika Mertens (Mandantennummer 30871) hat die Vollmacht zur Vertretung gegenüber dem Finanzamt zurückgeschickt, aber nicht unterschrieben. Bitten Sie um erneute, unterschriebene Rücksendung bis zum 9. Dezember 2026; ein neues Exemplar liegt bei.',
    eingang: 'Sehr geehrter Herr Gröning,\nanbei wie gewünscht die Vollmacht zurück.\nFreundliche Grüße\nAngelika Mertens',
    facts: [wort('mandantennummer', '30871'), wort('unterschrift', 'unterschr'), datum('2026-12-09', 'frist')], maxWords: 130, rubric: 'Freundlich, ohne Vorwurf; das Problem (fehlende Unterschrift) ist sofort klar; kurze Handlungsanweisung mit Frist.' },
  { id: 'brief-027', art: 'Antwort auf Beschwerde', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Brandtner',
    situation: 'Klaus Brandtner (Aktenzeichen 267/26) beschwert sich, dass er seit drei Wochen keinen Rückruf erhalten hat. Tatsächlich ist eine Notiz im Sekretariat untergegangen. Entschuldigen Sie sich, bieten Sie einen Telefontermin am 30. November 2026 um 15 Uhr an und fassen Sie den Stand kurz zusammen: Die Gegenseite hat am 16. November 2026 einen Vergleich über 4.000 € angeboten, der besprochen werden sollte.',
    eingang: 'Sehr geehrte Frau Dr. Lenz,\nich warte jetzt seit drei Wochen auf Ihren Rückruf. So stelle ich mir anwaltliche Betreuung nicht vor. Was ist da los?\nKlaus Brandtner',
    facts: [az('267/26'), datum('2026-11-30', 'telefontermin'), betrag(4000, 'vergleich'), datum('2026-11-16', 'angebot')], rubric: 'Nimmt die Beschwerde ernst und entschuldigt sich ohne Ausflüchte; bietet konkret Abhilfe; informiert über den Vergleichsvorschlag, ohne bereits eine Empfehlung vorwegzunehmen.' },
  { id: 'brief-028', art: 'Akteneinsicht beantragen', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrte Damen und Herren',
    situation: 'Schreiben an den Kreis Dithmarschen, Bußgeldstelle. In der Bußgeldsache gegen Jana Petersen (Aktenzeichen der Behörde 6.1-OWi-55102/26, Kanzlei 388/26) beantragen Sie Akteneinsicht einschließlich der Messdaten (Rohmessdaten) und der Lebensakte des Messgeräts. Die Vollmacht wurde mit dem Einspruch vom 25. November 2026 vorgelegt.',
    eingang: '(Keine Eingangspost.)',
    facts: [wort('behoerden_az', '6.1-OWi-55102/26'), wort('akteneinsicht', 'Akteneinsicht'), wort('messdaten', 'Messdaten'), datum('2026-11-25', 'einspruch')], maxWords: 180, rubric: 'Formal korrekter Antrag an eine Behörde; nennt Betroffene, Aktenzeichen und Umfang der Akteneinsicht präzise; knapp.' },
  { id: 'brief-029', art: 'Information über Urteil', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Kowalski',
    situation: 'Im Rechtsstreit Kowalski ./. Hausmann (Az. 12 C 845/26) hat das Amtsgericht am 25. November 2026 der Klage in Höhe von 3.280,00 € nebst Zinsen stattgegeben; die Kosten trägt der Beklagte. Die Berufungsfrist für die Gegenseite beträgt einen Monat ab Zustellung. Teilen Sie das Ergebnis mit und erklären Sie, dass die Vollstreckung erst nach Rechtskraft bzw. gegen Sicherheitsleistung möglich ist.',
    eingang: '(Urteil des Amtsgerichts, zugestellt am 26. November 2026.)',
    facts: [wort('gericht_az', '12 C 845/26'), betrag(3280, 'urteilssumme'), wort('berufung', 'Berufung'), datum('2026-11-25', 'urteil')], rubric: 'Teilt das erfreuliche Ergebnis verständlich mit; erklärt Rechtsmittelfrist und Vollstreckung in einfachen Worten; weckt keine falschen Erwartungen zur sofortigen Zahlung.' },
  { id: 'brief-030', art: 'Bitte um Geduld (informell eingegangen)', absender: `Dr. Miriam Steinhauer, Fachanwältin für Arbeitsrecht, ${ST}`, salutation: 'Sehr geehrte Frau Fuchs',
    situation: 'Ilona Fuchs, Betriebsratsvorsitzende, schreibt per Du (sie kennt Frau Dr. Steinhauer von einer Fortbildung). Sie fragt, ob die Kanzlei den Betriebsrat beim Widerspruch gegen eine Kündigung (Mitarbeiter Schrader) beraten kann. Antworten Sie förmlich: Eine Beratung des Betriebsrats ist möglich; die Kosten trägt unter den Voraussetzungen der §§ 40, 80 Abs. 3 BetrVG der Arbeitgeber, erforderlich sind ein Beschluss des Betriebsrats und für eine Beratung außerhalb eines Verfahrens eine vorherige Vereinbarung mit dem Arbeitgeber. Da Frau Dr. Steinhauer Herrn Schrader bereits berät, prüft sie vorab einen möglichen Interessenkonflikt und meldet sich bis 2. Dezember 2026.',
    eingang: 'Liebe Miriam,\nwir haben hier einen schwierigen Fall, eine geplante Kündigung im Lager. Könntest du uns als Betriebsrat beraten? Wie läuft das mit den Kosten?\nViele Grüße\nIlona',
    facts: [muster('betrvg', '§§?\\s?(40|80)', '§§ 40, 80 Abs. 3 BetrVG'), wort('beschluss', 'Beschluss'), datum('2026-12-02', 'rueckmeldung'), wort('interessenkonflikt', 'Interessenkonflikt')], rubric: 'Antwortet trotz der Du-Anrede konsequent förmlich in der Sie-Form, bleibt aber herzlich; erklärt Kostentragung, Beschluss und Vereinbarung mit dem Arbeitgeber korrekt; nennt den Interessenkonflikt als Prüfpunkt, ohne Details über Herrn Schrader preiszugeben.' },
  { id: 'brief-031', art: 'Zahlungserinnerung an Mandant', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrter Herr Lohmüller',
    situation: 'Bernd Lohmüller (Aktenzeichen 201/26) hat die Kostennote Nr. KN-2026-0412 vom 15. Oktober 2026 über 1.261,40 € noch nicht bezahlt. Erinnern Sie freundlich an die Zahlung bis zum 11. Dezember 2026 und nennen Sie die Bankverbindung (IBAN DE89 4005 0150 0000 3345 62).',
    eingang: '(Keine Eingangspost.)',
    facts: [wort('kostennote', 'KN-2026-0412'), betrag(1261.4), datum('2026-12-11', 'frist'), muster('iban', 'DE89\\s?4005\\s?0150\\s?0000\\s?3345\\s?62', 'DE89 4005 0150 0000 3345 62')], maxWords: 170, rubric: 'Freundliche erste Erinnerung ohne Drohungen; alle Zahlungsangaben vollständig; lässt Raum für den Fall, dass die Zahlung bereits unterwegs ist.' },
  { id: 'brief-032', art: 'Antwort auf Datenschutz-Löschverlangen', absender: `Rechtsanwältin Dr. Katrin Lenz (Datenschutzverantwortliche der Kanzlei), ${LW}`, salutation: 'Sehr geehrte Frau Siebert',
    situation: 'Anke Siebert, ehemalige Mandantin (Mandat beendet im März 2024), verlangt die Löschung aller Daten. Die Handakte muss nach § 50 BRAO sechs Jahre aufbewahrt werden; die Löschung erfolgt nach Ablauf der Frist Ende 2030. Ihr Newsletter-Abonnement wird sofort beendet und die E-Mail-Adresse aus dem Verteiler gelöscht.',
    eingang: 'Sehr geehrte Damen und Herren,\nich fordere Sie auf, sämtliche Daten über mich unverzüglich zu löschen, einschließlich des Newsletters.\nAnke Siebert',
    facts: [muster('brao50', '§\\s?50', '§ 50 BRAO'), muster('sechs_jahre', '(sechs|6) Jahre', 'sechs Jahre'), wort('newsletter', 'Newsletter'), wort('jahr2030', '2030')], rubric: 'Unterscheidet klar zwischen sofort Gelöschtem (Newsletter) und gesetzlich Aufzubewahrendem (Handakte); nennt die Rechtsgrundlage; respektvoll und ohne Belehrungston; weist auf das Beschwerderecht hin.' },
  { id: 'brief-033', art: 'Termin beim Notar koordinieren', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrte Frau Lindholm',
    situation: 'Marie Lindholm kauft eine Eigentumswohnung; die Kanzlei hat den Kaufvertragsentwurf geprüft (Aktenzeichen 377/26). Der Beurkundungstermin beim Notariat Dr. Voss ist am 15. Dezember 2026 um 9 Uhr. Weisen Sie darauf hin, dass sie einen gültigen Personalausweis mitbringen muss und dass die in der Stellungnahme vom 20. November 2026 genannten Änderungen (Übergabe erst nach vollständiger Zahlung) im Entwurf übernommen wurden.',
    eingang: 'Sehr geehrter Herr Wolters,\nder Notar hat mir einen Termin genannt. Muss ich noch etwas vorbereiten? Und wurden unsere Änderungen eingearbeitet?\nViele Grüße\nMarie Lindholm',
    facts: [az('377/26'), datum('2026-12-15', 'beurkundung'), wort('ausweis', 'ausweis'), datum('2026-11-20', 'stellungnahme')], rubric: 'Beantwortet beide Fragen des Mandanten eindeutig; Hinweise zur Vorbereitung sind praktisch und vollständig; bestätigt die eingearbeitete Änderung konkret.' },
  { id: 'brief-034', art: 'Ablehnung kurzfristiger Termin', absender: `Dr. Miriam Steinhauer, Fachanwältin für Arbeitsrecht, ${ST}`, salutation: 'Sehr geehrter Herr Çelik',
    situation: 'Mehmet Çelik möchte heute noch einen Beratungstermin wegen einer Abmahnung. Frau Dr. Steinhauer ist bis Freitag bei Gericht. Bieten Sie den 3. Dezember 2026 um 8:30 Uhr an und weisen Sie darauf hin, dass gegen eine Abmahnung keine gesetzliche Frist läuft, er aber keine Gegendarstellung unterschreiben sollte, bevor sie besprochen wurde.',
    eingang: 'Guten Tag, ich habe heute eine Abmahnung bekommen und soll eine Stellungnahme unterschreiben. Kann ich heute noch zu Ihnen kommen?\nMehmet Çelik',
    facts: [datum('2026-12-03', 'termin'), muster('uhrzeit', '8[:.]30|08[:.]30', '8:30 Uhr'), wort('abmahnung', 'Abmahnung')], maxWords: 180, rubric: 'Erklärt freundlich, warum heute kein Termin möglich ist; gibt eine beruhigende und korrekte Sofortempfehlung; konkretes Terminangebot.' },
  { id: 'brief-035', art: 'Übersendung Schriftsatz zur Kenntnis', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Gehrmann',
    situation: 'Übersenden Sie Ralf Gehrmann (Aktenzeichen 077/25-2) den Entwurf der Klageerwiderung zur Durchsicht. Bitten Sie um Rückmeldung zu den Abschnitten über die Mängel am Dach bis zum 4. Dezember 2026; die Erwiderungsfrist des Gerichts endet am 11. Dezember 2026.',
    eingang: '(Keine Eingangspost.)',
    facts: [az('077/25-2'), datum('2026-12-04', 'rueckmeldung'), datum('2026-12-11', 'gerichtsfrist'), wort('entwurf', 'Entwurf')], maxWords: 170, rubric: 'Klar, welche Rückmeldung bis wann gebraucht wird und warum (Gerichtsfrist); knapp; macht deutlich, dass Anmerkungen auch telefonisch möglich sind.' },
  { id: 'brief-036', art: 'Bestätigung Fristnotierung', absender: `Hendrik Gröning, Steuerberater, ${GR}`, salutation: 'Sehr geehrter Herr Gerlach',
    situation: 'Dirk Gerlach hat den Einkommensteuerbescheid 2024 erhalten (bekanntgegeben am 23. November 2026) und fragt, ob Einspruch sinnvoll ist. Die Einspruchsfrist von einem Monat endet am 23. Dezember 2026. Teilen Sie mit, dass die Kanzlei den Bescheid prüft, die Frist notiert ist, und dass die Abweichung bei den Werbungskosten (1.870 € nicht anerkannt) geprüft wird.',
    eingang: 'Sehr geehrter Herr Gröning,\nder Steuerbescheid ist da, und das Finanzamt hat meine Arbeitszimmerkosten gestrichen. Lohnt sich ein Einspruch?\nDirk Gerlach',
    facts: [datum('2026-12-23', 'einspruchsfrist'), betrag(1870, 'werbungskosten'), wort('einspruch', 'Einspruch')], rubric: 'Beruhigt mit Hinweis auf notierte Frist; erklärt den Prüfgegenstand konkret; gibt keine voreilige Erfolgsprognose.' },
  { id: 'brief-037', art: 'Rückfrage Sachverhalt', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrte Frau Aksoy',
    situation: 'Selin Aksoy (Aktenzeichen 415/26, Wohnungseigentumsrecht) möchte einen Beschluss der Eigentümerversammlung vom 12. November 2026 anfechten. Die Anfechtungsfrist beträgt einen Monat ab Beschlussfassung und endet am 14. Dezember 2026 (da der 12. Dezember ein Samstag ist). Bitten Sie bis 4. Dezember 2026 um das Protokoll, die Einladung mit Tagesordnung und die Teilungserklärung.',
    eingang: 'Sehr geehrter Herr Wolters,\nich möchte gegen den Beschluss zur Fassadensanierung vorgehen. Was brauchen Sie von mir?\nMit freundlichen Grüßen\nSelin Aksoy',
    facts: [az('415/26'), datum('2026-12-14', 'anfechtungsfrist'), datum('2026-12-04', 'unterlagen'), wort('protokoll', 'Protokoll'), wort('teilungserklaerung', 'Teilungserklärung')], rubric: 'Listet die benötigten Unterlagen vollständig; erklärt die Anfechtungsfrist und ihr Ende verständlich; vermittelt Dringlichkeit ohne Alarmismus.' },
  { id: 'brief-038', art: 'Gratulation und Mandatsabschluss', absender: `Dr. Miriam Steinhauer, Fachanwältin für Arbeitsrecht, ${ST}`, salutation: 'Sehr geehrte Frau Oberholz',
    situation: 'Das Verfahren von Martina Oberholz (ST-118/26) endete mit einem Vergleich: Beendigung zum 31. März 2027, Abfindung 38.500 € brutto, wohlwollendes Zeugnis mit der Note „gut“. Teilen Sie mit, dass das Mandat damit abgeschlossen ist, die Schlussrechnung an die Rechtsschutzversicherung geht und die Originalunterlagen beiliegen.',
    eingang: '(Protokoll des Arbeitsgerichts über den Vergleich vom 25. November 2026.)',
    facts: [az('ST-118/26'), datum('2027-03-31', 'beendigung'), betrag(38500, 'abfindung'), wort('zeugnis', 'Zeugnis')], rubric: 'Fasst die Ergebnisse des Vergleichs korrekt und übersichtlich zusammen; herzlicher, aber professioneller Abschluss; Rechnungs- und Unterlagenfragen sind geklärt.' },
  { id: 'brief-039', art: 'Antwort an Gegenseite (Zurückweisung)', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrte Frau Kollegin Albrecht',
    situation: 'Rechtsanwältin Dr. Sabine Albrecht verlangt für ihren Mandanten 6.500 € Schadensersatz vom Mandanten der Kanzlei, Ruhnau Metallbau GmbH (Aktenzeichen 429/26), wegen einer angeblich verspäteten Lieferung. Weisen Sie die Forderung zurück: Der Liefertermin 30. Oktober 2026 wurde eingehalten, der Lieferschein ist unterschrieben. Zahlungen werden abgelehnt. Anrede unter Kollegen: „Sehr geehrte Frau Kollegin Albrecht“.',
    eingang: 'Sehr geehrte Frau Kollegin Lenz,\nnamens und in Vollmacht unseres Mandanten fordern wir Ihre Mandantin auf, bis zum 10. Dezember 2026 Schadensersatz in Höhe von 6.500 € zu zahlen. Die Lieferung erfolgte verspätet.\nMit freundlichen kollegialen Grüßen\nDr. Sabine Albrecht, Rechtsanwältin',
    facts: [az('429/26'), betrag(6500, 'forderung'), datum('2026-10-30', 'liefertermin'), wort('lieferschein', 'Lieferschein')], rubric: 'Klare, begründete Zurückweisung im kollegialen Ton; stützt sich auf die genannten Tatsachen (Liefertermin, Lieferschein); keine unnötige Schärfe.' },
  { id: 'brief-040', art: 'Einladung Mandantengespräch mit Dolmetscher', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrte Frau Nguyen',
    situation: 'Thi Mai Nguyen (Aktenzeichen 431/26, Aufenthaltsrecht) hat um einen Termin mit Dolmetscher gebeten. Bestätigen Sie den 9. Dezember 2026 um 14 Uhr; die Kanzlei organisiert eine vietnamesische Dolmetscherin. Bitten Sie, den Reisepass und den aktuellen Aufenthaltstitel mitzubringen. Formulieren Sie in einfachem, klarem Deutsch.',
    eingang: 'Sehr geehrter Herr Wolters, mein Deutsch ist nicht so gut. Kann bei dem Termin jemand übersetzen? Mit freundlichen Grüßen, Nguyen Thi Mai',
    facts: [az('431/26'), datum('2026-12-09', 'termin'), wort('pass', 'Reisepass'), wort('aufenthaltstitel', 'Aufenthaltstitel'), wort('dolmetsch', 'Dolmetscher')], maxWords: 160, rubric: 'Verwendet einfache, kurze Sätze ohne Fachjargon, bleibt aber förmlich; bestätigt die Dolmetscherin ausdrücklich; Termin und mitzubringende Dokumente sind klar.' },
  { id: 'brief-041', art: 'Weiterleitung an zuständige Stelle', absender: `Hendrik Gröning, Steuerberater, ${GR}`, salutation: 'Sehr geehrte Frau Baumann',
    situation: 'Erika Baumann (keine Mandantin) fragt nach Leistungen der Pflegeversicherung. Das ist keine Steuerberatung. Verweisen Sie freundlich an ihre Pflegekasse bzw. einen Pflegestützpunkt und erwähnen Sie, dass Pflegekosten unter Umständen als außergewöhnliche Belastung steuerlich berücksichtigt werden können; dazu berät die Kanzlei gerne.',
    eingang: 'Sehr geehrte Damen und Herren,\nmeine Mutter hat Pflegegrad 3. Welche Leistungen stehen ihr zu? Mit freundlichen Grüßen, Erika Baumann',
    facts: [wort('pflegekasse', 'Pflegekasse'), wort('aussergewoehnlich', 'außergewöhnliche Belastung')], maxWords: 170, rubric: 'Verweist hilfreich und freundlich an die zuständige Stelle; bietet den steuerlichen Aspekt als sinnvolle Ergänzung an, ohne Leistungen der Pflegeversicherung selbst zu erläutern.' },
  { id: 'brief-042', art: 'Fristverlängerung bei Gericht', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrte Damen und Herren',
    situation: 'Schreiben an das Landgericht Münster in der Sache Gehrmann Bau GmbH ./. Friedrichs Dachbau (Az. 2 O 318/26). Beantragen Sie, die Frist zur Klageerwiderung vom 11. Dezember 2026 bis zum 8. Januar 2027 zu verlängern, weil umfangreiche Baustellenunterlagen ausgewertet werden müssen. Die Gegenseite hat zugestimmt.',
    eingang: '(Verfügung des Landgerichts mit Frist zur Klageerwiderung bis 11. Dezember 2026.)',
    facts: [wort('gericht_az', '2 O 318/26'), datum('2026-12-11', 'alte_frist'), datum('2027-01-08', 'neue_frist'), wort('zustimmung', 'zugestimmt')], maxWords: 170, rubric: 'Formal korrekter Fristverlängerungsantrag; nennt erheblichen Grund und Zustimmung der Gegenseite; knapp und sachlich.' },
  { id: 'brief-043', art: 'Hinweis auf Erreichbarkeit zwischen den Jahren', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrter Herr Albers',
    situation: 'Georg Albers (Aktenzeichen 442/26) fragt, ob er die Kanzlei zwischen Weihnachten und Neujahr erreicht. Die Kanzlei ist vom 24. Dezember 2026 bis 1. Januar 2027 geschlossen; für Fristsachen ist ein Notdienst unter der Kanzleinummer erreichbar. Ab dem 4. Januar 2027 ist Herr Wolters wieder im Büro.',
    eingang: 'Sehr geehrter Herr Wolters, sind Sie über die Feiertage erreichbar, falls in meiner Sache Post kommt? Gruß, Georg Albers',
    facts: [az('442/26'), datum('2026-12-24', 'schliessung'), datum('2027-01-04', 'zurueck'), wort('notdienst', 'Notdienst')], maxWords: 140, rubric: 'Kurz, freundlich und vollständig; erklärt den Notdienst für Fristsachen; wünscht angemessen schöne Feiertage.' },
  { id: 'brief-044', art: 'Bitte um Schweigepflichtentbindung', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrte Frau Kolbe',
    situation: 'Bettina Kolbe (Aktenzeichen 450/26) macht nach einem Fahrradunfall Schmerzensgeld geltend. Für die Anforderung der Behandlungsunterlagen bei der Radiologie am Park und beim Orthopäden benötigt die Kanzlei eine unterschriebene Schweigepflichtentbindungserklärung. Bitten Sie um Rücksendung bis 10. Dezember 2026 und erklären Sie, dass die Unterlagen nur für dieses Verfahren verwendet werden.',
    eingang: 'Sehr geehrte Frau Dr. Lenz, brauchen Sie noch etwas von mir für die Schmerzensgeldforderung? Viele Grüße, Bettina Kolbe',
    facts: [az('450/26'), wort('entbindung', 'Schweigepflichtentbindung'), datum('2026-12-10', 'frist')], rubric: 'Erklärt Zweck und Umfang der Entbindung nachvollziehbar; sichert die zweckgebundene Verwendung der Gesundheitsdaten zu; höflich, mit klarer Frist.' },
  { id: 'brief-045', art: 'Antwort auf Anfrage einer Behörde', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrte Damen und Herren',
    situation: 'Das Ordnungsamt der Stadt Münster bittet um Auskunft über die aktuelle Anschrift eines Mandanten. Lehnen Sie unter Hinweis auf die anwaltliche Verschwiegenheitspflicht (§ 43a Abs. 2 BRAO) ab; eine Auskunft ist nur mit Einwilligung des Mandanten möglich. Ihr Zeichen: 32.1-4471/26.',
    eingang: 'Sehr geehrte Damen und Herren,\nin einem Verwaltungsverfahren benötigen wir die aktuelle Anschrift Ihres Mandanten Herrn Tim Westphal. Wir bitten um Mitteilung bis 4. Dezember 2026.\nOrdnungsamt, Zeichen 32.1-4471/26',
    facts: [wort('zeichen', '32.1-4471/26'), muster('brao43a', '§\\s?43a', '§ 43a Abs. 2 BRAO'), wort('verschwiegenheit', 'Verschwiegenheit')], maxWords: 150, rubric: 'Lehnt die Auskunft klar und mit korrekter Begründung ab; bestätigt nicht einmal ausdrücklich das Mandatsverhältnis oder gibt Hinweise auf den Aufenthaltsort; sachlicher Behördenton.' },
  { id: 'brief-046', art: 'Angebot Vergütungsvereinbarung', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Yıldız',
    situation: 'Ferhat Yıldız möchte einen Bauvertrag für sein Einfamilienhaus prüfen lassen. Bieten Sie eine Vergütung nach Zeitaufwand an: 260 € netto je Stunde, geschätzter Aufwand drei bis vier Stunden, Abrechnung im 15-Minuten-Takt. Die Vergütungsvereinbarung liegt zur Unterschrift bei (Textform erforderlich).',
    eingang: 'Guten Tag Frau Dr. Lenz, was würde es kosten, wenn Sie sich unseren Bauvertrag (ca. 40 Seiten) einmal ansehen? Viele Grüße, Ferhat Yıldız',
    facts: [betrag(260, 'stundensatz'), muster('aufwand', '(drei|3)\\s?(bis|–|-)\\s?(vier|4) Stunden', 'drei bis vier Stunden'), muster('takt', '15[- ]?Minuten|15-minütig|Viertelstunde', '15-Minuten-Takt'), wort('verguetung', 'Vergütungsvereinbarung')], rubric: 'Transparente Kostenangabe mit Schätzung und Abrechnungstakt; Hinweis auf Netto/Umsatzsteuer; weist darauf hin, dass die Schätzung unverbindlich ist.' },
  { id: 'brief-047', art: 'Erinnerung an Mitwirkung', absender: `Hendrik Gröning, Steuerberater, ${GR}`, salutation: 'Sehr geehrter Herr Thamm',
    situation: 'Oliver Thamm (Thamm Consulting, Mandantennummer 40119) hat die Belege für die Umsatzsteuer-Voranmeldung Oktober 2026 noch nicht geliefert. Die Voranmeldung ist am 10. Dezember 2026 fällig (mit Dauerfristverlängerung). Bitten Sie um Übermittlung bis 5. Dezember 2026 über das Mandantenportal und weisen Sie auf mögliche Verspätungszuschläge hin.',
    eingang: '(Keine Eingangspost.)',
    facts: [wort('mandantennummer', '40119'), datum('2026-12-10', 'faelligkeit'), datum('2026-12-05', 'belege'), wort('verspaetung', 'Verspätungszuschl')], maxWords: 170, rubric: 'Freundliche, aber bestimmte Erinnerung; Fristen und Konsequenzen klar; konkreter Übermittlungsweg.' },
  { id: 'brief-048', art: 'Antwort auf Mandantenanfrage mit Du-Form', absender: `Rechtsanwalt Jan Wolters, ${LW}`, salutation: 'Sehr geehrter Herr Pfeifer',
    situation: 'Jonas Pfeifer (Aktenzeichen 460/26, Online-Kauf) schreibt salopp per Du. Antworten Sie förmlich: Der Händler hat auf die Widerrufserklärung vom 2. November 2026 nicht reagiert; die Kanzlei setzt ihm eine letzte Frist bis 11. Dezember 2026 zur Rückzahlung von 749,00 €. Danach wird der Mahnbescheid beantragt, sofern Herr Pfeifer zustimmt.',
    eingang: 'Hey, gibt’s was Neues wegen meinem Geld? Der Laden meldet sich bei mir auch nicht. Was machen wir jetzt? Jonas',
    facts: [az('460/26'), datum('2026-11-02', 'widerruf'), datum('2026-12-11', 'frist'), betrag(749, 'betrag'), wort('mahnbescheid', 'Mahnbescheid')], rubric: 'Bleibt in der Sie-Form und im förmlichen Register, obwohl der Mandant salopp schreibt; erklärt das weitere Vorgehen in verständlicher Sprache; holt die Zustimmung des Mandanten ein.' },
  { id: 'brief-049', art: 'Bestätigung Rückruf', absender: `Dr. Miriam Steinhauer, Fachanwältin für Arbeitsrecht, ${ST}`, salutation: 'Sehr geehrte Frau Wendel',
    situation: 'Franziska Wendel hat per E-Mail gefragt, ob ihr neuer Arbeitsvertrag eine wirksame Probezeit von neun Monaten enthalten darf. Antworten Sie kurz: Eine Probezeit mit verkürzter Kündigungsfrist ist nach § 622 Abs. 3 BGB höchstens sechs Monate möglich; Frau Dr. Steinhauer bietet einen Telefontermin am 2. Dezember 2026 um 12 Uhr an, um den Vertrag im Detail zu besprechen.',
    eingang: 'Sehr geehrte Frau Dr. Steinhauer, in meinem neuen Arbeitsvertrag steht eine Probezeit von neun Monaten. Ist das zulässig? Mit freundlichen Grüßen, Franziska Wendel',
    facts: [muster('bgb622', '§\\s?622', '§ 622 Abs. 3 BGB'), muster('sechs_monate', '(sechs|6) Monate', 'sechs Monate'), datum('2026-12-02', 'telefontermin')], maxWords: 170, rubric: 'Beantwortet die Kernfrage korrekt und verständlich (höchstens sechs Monate Probezeit mit verkürzter Kündigungsfrist); macht keine weitergehenden Aussagen ohne Vertragsprüfung; konkretes Gesprächsangebot.' },
  { id: 'brief-050', art: 'Übersendung Vollmacht an Versicherung', absender: `Rechtsanwältin Dr. Katrin Lenz, ${LW}`, salutation: 'Sehr geehrter Herr Hahn',
    situation: 'Peter Hahn ist Sachbearbeiter der Haftpflichtversicherung des Unfallgegners (Schadennummer HV-2026-88412) im Verfahren der Mandantin Bettina Kolbe (Aktenzeichen 450/26). Zeigen Sie die Vertretung an, übersenden Sie die Vollmacht, beziffern Sie das Schmerzensgeld vorläufig mit 4.500 € und setzen Sie eine Frist zur Stellungnahme bis 18. Dezember 2026.',
    eingang: '(Keine Eingangspost – Erstanschreiben an die Versicherung.)',
    facts: [wort('schadennummer', 'HV-2026-88412'), az('450/26'), betrag(4500, 'schmerzensgeld'), datum('2026-12-18', 'frist'), wort('vollmacht', 'Vollmacht')], rubric: 'Vollständige Vertretungsanzeige mit allen Referenzen; Forderung und Frist sind klar; sachlicher, bestimmter Ton gegenüber der Versicherung.' }
];

const GENERAL_RUBRIC =
  'Allgemein: förmlicher Kanzleistil nach DIN 5008 (Betreffzeile, Anrede, Grußformel, Name der unterzeichnenden Person); durchgehend Sie-Form; sachlich korrekt gemäß der Situation; keine erfundenen Tatsachen, Beträge oder Fristen; keine Platzhalter.';

function build(): Row[] {
  return TASKS.map((t) => {
    const factIds = t.facts.map((f) => f.id);
    if (new Set(factIds).size !== factIds.length) throw new Error(`${t.id}: duplicate fact id`);
    const rules: Record<string, unknown>[] = t.facts.map((f) => ({ type: 'contains', id: `fakt_${f.id}`, ...(f.text !== undefined ? { text: f.text } : { pattern: f.pattern }) }));
    if (t.maxWords !== undefined) rules.push({ type: 'max-words', id: 'max_woerter', max: t.maxWords });
    return {
      id: t.id,
      input: { absender: t.absender, situation: t.situation, eingang: t.eingang },
      expected: { salutation: t.salutation, rules, rubric: `${GENERAL_RUBRIC} Speziell: ${t.rubric}` },
      meta: { art: t.art, factSamples: Object.fromEntries(t.facts.map((f) => [`fakt_${f.id}`, f.sample])), synthetic: true }
    };
  });
}

const rows = build();
const file = writeItems('de-formal-letter', rows, [
  'firms, clients, file numbers (Aktenzeichen) and tax numbers are invented; courts and authorities are named only generically'
]);
console.log(`wrote ${rows.length} items to ${file}`);
