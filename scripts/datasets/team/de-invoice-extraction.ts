// Generator for datasets/de-invoice-extraction/items.jsonl: German invoices, offers and fee notes as plain
// text (the way they arrive after PDF-to-text), with the fields a bookkeeping assistant must extract.
// Suppliers, customers, IBANs and USt-IdNr. are invented; IBANs carry valid ISO 13616 check digits and the
// USt-IdNr. a valid MOD 11,10 check digit. Amounts are consistent: Σ positions = netto,
// round(netto × satz) = USt, netto + USt = brutto.
// Run: npx tsx scripts/datasets/team/de-invoice-extraction.ts
import { addDays, cents, deAmount, deDate, germanIban, groupIban, rng, ustIdNr, writeItems, type Row } from './lib';

interface Supplier {
  key: string;
  name: string;
  street: string;
  city: string;
  phone: string;
  mail: string;
  bank: string;
  blz: string;
  konto: string;
  ust8: string | null; // null: Kleinunternehmer ohne USt-IdNr.
  steuernummer?: string;
  inhaber?: string;
  /** Positions this supplier bills: [text, unit, unit price net, typical qty range] */
  positions: [string, string, number, [number, number]][];
  rate: 19 | 7 | 0;
  kind: 'handwerk' | 'it' | 'kanzlei' | 'sonst';
}

const SUPPLIERS: Supplier[] = [
  { key: 'brenner', name: 'Haustechnik Brenner GmbH', street: 'Gewerbering 12', city: '48155 Münster', phone: '0221 4710 100', mail: 'buero@haustechnik-brenner.example', bank: 'Volksbank Münsterland Nord', blz: '40361906', konto: '0412887301', ust8: '12688415', kind: 'handwerk', rate: 19,
    positions: [['Wartung Gas-Brennwerttherme inkl. Abgasmessung', 'pausch.', 149, [1, 1]], ['Monteurstunde', 'Std.', 68.5, [1, 6]], ['Anfahrtspauschale', 'pausch.', 39, [1, 1]], ['Dichtungssatz Wärmetauscher', 'Stk.', 24.9, [1, 2]], ['Thermostatkopf Heimeier K', 'Stk.', 31.4, [2, 8]], ['Kleinmaterial', 'pausch.', 12.5, [1, 1]]] },
  { key: 'holm', name: 'Schreinerei Holm', street: 'Mühlenweg 4', city: '24536 Neumünster', phone: '040 66969 211', mail: 'info@schreinerei-holm.example', bank: 'Förde Sparkasse', blz: '21050170', konto: '0090331457', ust8: '29455071', inhaber: 'Inh. Jens Holm', kind: 'handwerk', rate: 19,
    positions: [['Einbauschrank Eiche furniert nach Aufmaß', 'Stk.', 2380, [1, 1]], ['Montage vor Ort', 'Std.', 58, [3, 10]], ['Innentür CPL weiß inkl. Zarge', 'Stk.', 412, [1, 4]], ['Sockelleisten Eiche', 'lfm', 9.8, [12, 40]], ['Entsorgung Altmaterial', 'pausch.', 65, [1, 1]]] },
  { key: 'voltwerk', name: 'Elektro Voltwerk Scholz & Partner GbR', street: 'Industriestraße 88', city: '86153 Augsburg', phone: '089 99998 520', mail: 'rechnung@voltwerk-scholz.example', bank: 'Stadtsparkasse Augsburg', blz: '72050000', konto: '0251778902', ust8: '31470588', kind: 'handwerk', rate: 19,
    positions: [['Wallbox 11 kW inkl. Montage', 'Stk.', 1290, [1, 1]], ['Elektrikerstunde', 'Std.', 64, [2, 12]], ['NYM-J 5x2,5 mm²', 'm', 3.45, [10, 60]], ['FI/LS-Schalter 40A Typ A', 'Stk.', 89.9, [1, 3]], ['E-Check nach DGUV V3', 'Gerät', 7.5, [20, 80]], ['Außensteckdose IP44 inkl. Setzen', 'Stk.', 74, [1, 4]]] },
  { key: 'dachwerk', name: 'Dachdeckerei Kuhlmann GmbH & Co. KG', street: 'Am Ziegelhof 3', city: '26135 Oldenburg', phone: '040 66969 733', mail: 'kontakt@kuhlmann-dach.example', bank: 'Landessparkasse zu Oldenburg', blz: '28050100', konto: '0070432118', ust8: '20911834', kind: 'handwerk', rate: 19,
    positions: [['Dachziegel erneuern inkl. Material', 'm²', 86, [2, 14]], ['Hubsteiger inkl. Bediener', 'Std.', 95, [2, 6]], ['Dachrinne Zink halbrund 333', 'lfm', 42.5, [8, 30]], ['Fallrohr Zink DN 100', 'lfm', 38, [4, 12]], ['Notabdichtung Plane', 'pausch.', 180, [1, 1]]] },
  { key: 'maler', name: 'Malerbetrieb Anja Dreyer', street: 'Lindenstraße 17', city: '01097 Dresden', phone: '030 23125 388', mail: 'anja.dreyer@malerbetrieb-dreyer.example', bank: 'Ostsächsische Sparkasse Dresden', blz: '85050300', konto: '3120448911', ust8: '40288617', kind: 'handwerk', rate: 19,
    positions: [['Wände und Decken streichen, Dispersion weiß', 'm²', 7.9, [60, 260]], ['Abdeck- und Schutzarbeiten', 'pausch.', 120, [1, 1]], ['Raufaser tapezieren', 'm²', 11.2, [20, 90]], ['Lackierung Heizkörper', 'Stk.', 48, [2, 8]], ['Spachtelarbeiten Q3', 'm²', 9.5, [10, 40]]] },
  { key: 'kleinfein', name: 'Fliesen Kleinfeld', street: 'Hauptstraße 201', city: '35390 Gießen', phone: '069 90009 612', mail: 'post@fliesen-kleinfeld.example', bank: 'Sparkasse Gießen', blz: '51350025', konto: '0205661432', ust8: null, steuernummer: '020 812 34567', inhaber: 'Inh. Marco Kleinfeld', kind: 'handwerk', rate: 0,
    positions: [['Fliesen verlegen, Format 30x60', 'm²', 48, [4, 20]], ['Silikonfugen erneuern', 'lfm', 8.5, [6, 24]], ['Fliesenkleber flexibel 25 kg', 'Sack', 22.9, [2, 6]], ['Arbeitsstunde', 'Std.', 45, [2, 8]]] },
  { key: 'nordcode', name: 'NordCode IT-Service GmbH', street: 'Speicherstadt 5', city: '20457 Hamburg', phone: '040 66969 150', mail: 'billing@nordcode-it.example', bank: 'Hamburger Sparkasse', blz: '20050550', konto: '1238091774', ust8: '31187206', kind: 'it', rate: 19,
    positions: [['Managed Workplace (pro Arbeitsplatz/Monat)', 'Stk.', 39, [5, 40]], ['Microsoft 365 Business Standard (Lizenz/Monat)', 'Lizenz', 11.7, [5, 40]], ['Remote-Support', 'Std.', 96, [1, 8]], ['Backup-Speicher Rechenzentrum Frankfurt', 'TB', 28, [1, 6]], ['Einrichtung Firewall Sophos XGS', 'pausch.', 540, [1, 1]]] },
  { key: 'bitfabrik', name: 'Bitfabrik Softwareentwicklung UG (haftungsbeschränkt)', street: 'Hafenstraße 30', city: '68159 Mannheim', phone: '0221 4710 606', mail: 'rechnung@bitfabrik.example', bank: 'GLS Gemeinschaftsbank', blz: '43060967', konto: '4021557700', ust8: '28103395', kind: 'it', rate: 19,
    positions: [['Softwareentwicklung Senior (Sprint 14)', 'PT', 880, [2, 10]], ['Softwareentwicklung Junior', 'PT', 560, [2, 10]], ['Projektmanagement', 'Std.', 105, [4, 16]], ['Hosting Staging-Umgebung', 'Monat', 149, [1, 3]], ['Code-Review und Security-Audit', 'pausch.', 1450, [1, 1]]] },
  { key: 'datenfluss', name: 'Datenfluss Consulting Petra Ahlers', street: 'Kaiserstraße 61', city: '60329 Frankfurt am Main', phone: '069 90009 117', mail: 'p.ahlers@datenfluss-consulting.example', bank: 'Frankfurter Volksbank', blz: '50190000', konto: '6100248835', ust8: '27740932', kind: 'it', rate: 19,
    positions: [['Beratung Datenschutz-Folgenabschätzung', 'Std.', 135, [4, 20]], ['Workshop KI-Kompetenz (Art. 4 KI-VO) für Mitarbeitende', 'Tag', 1650, [1, 2]], ['Erstellung Verarbeitungsverzeichnis', 'pausch.', 980, [1, 1]], ['Reisekosten pauschal', 'pausch.', 85, [1, 1]]] },
  { key: 'serverhaus', name: 'Serverhaus Süd AG', street: 'Leopoldstraße 244', city: '80807 München', phone: '089 99998 200', mail: 'invoice@serverhaus-sued.example', bank: 'Stadtsparkasse München', blz: '70150000', konto: '1002846733', ust8: '81937024', kind: 'it', rate: 19,
    positions: [['Dedicated Server GPU L40S (Monat)', 'Monat', 1890, [1, 3]], ['Colocation 1 HE inkl. 1 A Strom', 'Monat', 129, [1, 4]], ['Traffic über Inklusivvolumen', 'TB', 4.5, [2, 30]], ['Einrichtungsgebühr (einmalig)', 'pausch.', 250, [1, 1]]] },
  { key: 'lenz', name: 'Dr. Lenz & Wolters Rechtsanwälte PartG mbB', street: 'Domplatz 9', city: '48143 Münster', phone: '0221 4710 880', mail: 'kanzlei@lenz-wolters.example', bank: 'Sparkasse Münsterland Ost', blz: '40050150', konto: '0000334562', ust8: '12690127', kind: 'kanzlei', rate: 19,
    positions: [['Beratung gemäß Vergütungsvereinbarung', 'Std.', 260, [1, 6]], ['Entwurf und Prüfung Vertragswerk', 'Std.', 260, [2, 8]], ['Pauschale für Post- und Telekommunikationsdienstleistungen, Nr. 7002 VV RVG', 'pausch.', 20, [1, 1]], ['Dokumentenpauschale, Nr. 7000 VV RVG', 'pausch.', 15.5, [1, 1]]] },
  { key: 'stein', name: 'Kanzlei Steinhauer Arbeitsrecht', street: 'Königsallee 40', city: '40212 Düsseldorf', phone: '0221 4710 440', mail: 'buchhaltung@steinhauer-arbeitsrecht.example', bank: 'Stadtsparkasse Düsseldorf', blz: '30050110', konto: '1006723498', ust8: '24511378', inhaber: 'Rechtsanwältin Dr. Miriam Steinhauer', kind: 'kanzlei', rate: 19,
    positions: [['Erstberatung Arbeitsrecht', 'pausch.', 190, [1, 1]], ['Tätigkeit lt. Honorarvereinbarung vom 12.09.2026', 'Std.', 240, [2, 9]], ['Fahrtkosten Geschäftsreise, 0,42 €/km', 'km', 0.42, [40, 180]], ['Auslagenpauschale Nr. 7002 VV RVG', 'pausch.', 20, [1, 1]]] },
  { key: 'stb', name: 'Steuerberatung Gröning & Kollegen', street: 'Marktstraße 12', city: '33602 Bielefeld', phone: '030 23125 904', mail: 'info@stb-groening.example', bank: 'Sparkasse Bielefeld', blz: '48050161', konto: '0072990014', ust8: '30422819', kind: 'kanzlei', rate: 19,
    positions: [['Finanzbuchhaltung (laufend, Monat)', 'Monat', 310, [1, 3]], ['Lohnabrechnung je Arbeitnehmer', 'AN', 24, [3, 18]], ['Erstellung Umsatzsteuer-Voranmeldung', 'Monat', 85, [1, 3]], ['Auslagenpauschale', 'pausch.', 20, [1, 1]]] },
  { key: 'druck', name: 'Druckerei Wendt OHG', street: 'Papiermühlenweg 2', city: '37073 Göttingen', phone: '069 90009 345', mail: 'auftrag@druckerei-wendt.example', bank: 'Sparkasse Göttingen', blz: '26050001', konto: '0000819276', ust8: '11678234', kind: 'sonst', rate: 7,
    positions: [['Broschüre A5, 32 Seiten, 4/4-farbig, Rückstichheftung (ISBN-Titel)', 'Stk.', 2.18, [250, 2000]], ['Satz und Druckvorstufe Buch', 'pausch.', 340, [1, 1]], ['Hardcover-Buch 160 Seiten, Fadenheftung', 'Stk.', 6.9, [100, 800]]] },
  { key: 'catering', name: 'Landküche Marquardt GmbH', street: 'Dorfstraße 7', city: '79108 Freiburg im Breisgau', phone: '030 23125 119', mail: 'bestellung@landkueche-marquardt.example', bank: 'Sparkasse Freiburg-Nördlicher Breisgau', blz: '68050101', konto: '0013558092', ust8: '14202855', kind: 'sonst', rate: 7,
    positions: [['Brötchen belegt, gemischt (Lieferung ohne Service)', 'Stk.', 3.2, [20, 120]], ['Obstkorb saisonal', 'Korb', 24, [1, 6]], ['Kuchenplatte (20 Stücke)', 'Platte', 38, [1, 5]], ['Lieferpauschale', 'pausch.', 15, [1, 1]]] },
  { key: 'galabau', name: 'Grünwerk Garten- und Landschaftsbau GmbH', street: 'Auenweg 55', city: '90451 Nürnberg', phone: '089 99998 477', mail: 'verwaltung@gruenwerk-galabau.example', bank: 'Sparkasse Nürnberg', blz: '76050101', konto: '0005702214', ust8: '13360918', kind: 'handwerk', rate: 19,
    positions: [['Heckenschnitt inkl. Entsorgung Grünschnitt', 'lfm', 6.8, [20, 90]], ['Baumfällung mit Seilklettertechnik', 'pausch.', 980, [1, 1]], ['Rasen vertikutieren und nachsäen', 'm²', 1.9, [80, 400]], ['Gärtnerstunde', 'Std.', 52, [2, 10]]] }
];

interface Customer { name: string; lines: string[] }
const CUSTOMERS: Customer[] = [
  { name: 'Kita Sonnenblume gGmbH', lines: ['Kita Sonnenblume gGmbH', 'Verwaltung', 'Am Lindenhang 2', '48163 Münster'] },
  { name: 'Hausverwaltung Pröpper & Söhne', lines: ['Hausverwaltung Pröpper & Söhne', 'Technische Verwaltung', 'Kantstraße 2', '48147 Münster'] },
  { name: 'Autohaus Brückner KG', lines: ['Autohaus Brückner KG', 'Kirchgasse 90', '79098 Freiburg'] },
  { name: 'Hausarztpraxis am Rosenplatz', lines: ['Hausarztpraxis am Rosenplatz', 'Gemeinschaftspraxis', 'Rosenplatz 3', '44135 Dortmund'] },
  { name: 'Ruhnau Metallbau GmbH', lines: ['Ruhnau Metallbau GmbH', 'Buchhaltung', 'Hafenweg 21', '28197 Bremen'] },
  { name: 'Bäckerei Overbeck GmbH', lines: ['Bäckerei Overbeck GmbH', 'Bahnhofstraße 52', '35390 Gießen'] },
  { name: 'Thamm Consulting GmbH', lines: ['Thamm Consulting GmbH', 'Schillerplatz 8', '70173 Stuttgart'] },
  { name: 'Gehrmann Bau GmbH', lines: ['Gehrmann Bau GmbH', 'Kreditorenbuchhaltung', 'Postfach 11 22 33', '45127 Essen'] },
  { name: 'Lesefreunde Neustadt e. V.', lines: ['Lesefreunde Neustadt e. V.', 'Schulstraße 1', '67433 Neustadt'] },
  { name: 'Zahnarztpraxis am Rathaus', lines: ['Zahnarztpraxis am Rathaus', 'Rathausplatz 4', '50667 Köln'] }
];

type Layout = 'klassisch' | 'tabelle' | 'kompakt' | 'mail' | 'kostennote' | 'angebot';

function pick<T>(r: () => number, xs: T[]): T {
  return xs[Math.floor(r() * xs.length)];
}
function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

const rand = rng(20261127);

function fmtQty(q: number): string {
  return Number.isInteger(q) ? String(q) : deAmount(q);
}

const PLURAL: Record<string, string> = { Monat: 'Monate', Tag: 'Tage', Korb: 'Körbe', Platte: 'Platten', Lizenz: 'Lizenzen', Gerät: 'Geräte' };
/** Unit as printed after a quantity: "3 Monate", "1 Monat"; abbreviations stay as they are. */
function unitFor(unit: string, qty: number): string {
  return qty !== 1 && PLURAL[unit] ? PLURAL[unit] : unit;
}

interface Doc {
  id: string;
  text: string;
  expected: Record<string, unknown>;
  meta: Record<string, unknown>;
}

function makeDoc(n: number, s: Supplier, layout: Layout): Doc {
  const r = rand;
  const isOffer = layout === 'angebot';
  const cust = pick(r, CUSTOMERS);
  // dates between 2026-08-01 and 2026-11-20
  const datum = addDays('2026-08-01', int(r, 0, 111));
  const zielTage = pick(r, [7, 10, 14, 14, 30, 30]);
  const faellig = addDays(datum, isOffer ? pick(r, [14, 30, 30, 42]) : zielTage);
  const npos = int(r, 2, Math.min(5, s.positions.length));
  const shuffled = [...s.positions];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  const chosen = shuffled.slice(0, npos);
  const pos = chosen.map(([text, unit, price, [lo, hi]]) => {
    let qty = int(r, lo, hi);
    if (unit === 'Std.' && r() < 0.4) qty = qty + 0.5;
    return { text, unit, price, qty, total: cents(qty * price) };
  });
  const netto = cents(pos.reduce((a, p) => a + p.total, 0));
  // USt on integer cents, rounded half up (kaufmännisch), so no binary-float drift at x,xx5.
  const ust = Math.round((Math.round(netto * 100) * s.rate) / 100) / 100;
  const brutto = cents(netto + ust);
  const iban = germanIban(s.blz, s.konto);
  const ustId = s.ust8 ? ustIdNr(s.ust8) : null;
  const prefix = { handwerk: 'RE', it: 'INV', kanzlei: 'KN', sonst: 'R' }[s.kind];
  const year = datum.slice(0, 4);
  const nr = isOffer
    ? pick(r, [`AN-${year}-${String(int(r, 100, 999))}`, `ANG ${year}/${String(int(r, 10, 420)).padStart(4, '0')}`, `${int(r, 2400, 2999)}-A`])
    : pick(r, [`${prefix}-${year}-${String(int(r, 1, 2999)).padStart(4, '0')}`, `${year}${String(int(r, 1, 999)).padStart(4, '0')}`, `${prefix} ${int(r, 10000, 99999)}`, `${int(r, 100, 999)}/${year.slice(2)}`]);
  const dStyle = pick(r, ['dot', 'dot', 'long', 'dot-short', 'long-pad'] as const);
  const eur = (v: number): string => pick(r, [`${deAmount(v)} €`, `${deAmount(v)} EUR`, `EUR ${deAmount(v)}`, `${deAmount(v)} €`]);
  const ibanTxt = r() < 0.7 ? groupIban(iban) : iban;
  const ustIdTxt = ustId ? (r() < 0.3 ? `${ustId.slice(0, 2)} ${ustId.slice(2, 5)} ${ustId.slice(5, 8)} ${ustId.slice(8)}` : ustId) : null;
  const datumTxt = deDate(datum, dStyle);
  const faelligTxt = deDate(faellig, pick(r, ['dot', 'long'] as const));
  const satzTxt = s.rate === 0 ? '' : `${s.rate} %`;

  let zahlung: string;
  let faelligExpected: string | null = faellig;
  if (isOffer) {
    zahlung = pick(r, [
      `Dieses Angebot ist gültig bis zum ${faelligTxt}.`,
      `An dieses Angebot halten wir uns bis ${faelligTxt} gebunden.`,
      `Bindefrist: ${faelligTxt}.`
    ]);
  } else {
    const variant = int(r, 0, 3);
    if (variant === 0) zahlung = `Bitte überweisen Sie den Rechnungsbetrag bis zum ${faelligTxt} ohne Abzug.`;
    else if (variant === 1) zahlung = `Zahlbar innerhalb von ${zielTage} Tagen nach Rechnungsdatum ohne Abzug (fällig am ${faelligTxt}).`;
    else if (variant === 2) zahlung = `Fälligkeit: ${faelligTxt}`;
    else zahlung = `Zahlungsziel: ${faelligTxt}, netto Kasse. Bei Zahlung bitte die Rechnungsnummer angeben.`;
  }

  const kopf = [s.name, s.inhaber, `${s.street} · ${s.city}`, `Tel. ${s.phone} · ${s.mail}`].filter(Boolean).join('\n');
  const steuer = ustIdTxt ? `USt-IdNr.: ${ustIdTxt}` : `Steuernummer: ${s.steuernummer}`;
  const fuss = [`${s.bank} · IBAN ${ibanTxt}`, steuer].join('\n');
  const kleinNote = s.rate === 0 ? '\nGemäß § 19 UStG wird keine Umsatzsteuer berechnet.' : '';

  const posLines = (style: 'table' | 'list'): string =>
    pos
      .map((p, i) =>
        style === 'table'
          ? `${String(i + 1).padEnd(4)}${p.text.padEnd(62)} ${fmtQty(p.qty).padStart(6)} ${unitFor(p.unit, p.qty).padEnd(8)} ${deAmount(p.price).padStart(10)} ${deAmount(p.total).padStart(11)}`
          : `- ${fmtQty(p.qty)} ${unitFor(p.unit, p.qty)} ${p.text} à ${deAmount(p.price)} € = ${deAmount(p.total)} €`
      )
      .join('\n');
  const total = isOffer ? 'Angebotssumme' : 'Rechnungsbetrag';
  const summe = (): string =>
    s.rate === 0
      ? `${isOffer ? 'Angebotssumme' : 'Gesamtbetrag'}: ${eur(brutto)}${kleinNote}`
      : pick(r, [
          `Nettobetrag: ${eur(netto)}\nzzgl. ${satzTxt} USt: ${eur(ust)}\n${total}: ${eur(brutto)}`,
          `Summe netto ${eur(netto)}\nUmsatzsteuer ${satzTxt} ${eur(ust)}\nGesamtsumme brutto ${eur(brutto)}`,
          `Zwischensumme (netto): ${eur(netto)}\n${satzTxt} MwSt.: ${eur(ust)}\n${isOffer ? 'Angebotssumme' : 'Zu zahlen'}: ${eur(brutto)}`
        ]);
  const custBlock = cust.lines.join('\n');
  let text: string;
  switch (layout) {
    case 'klassisch':
      text = `${kopf}\n\n${custBlock}\n\n${s.city.split(' ').slice(1).join(' ')}, ${datumTxt}\n\nRECHNUNG Nr. ${nr}\n\nSehr geehrte Damen und Herren,\nfür die ausgeführten Arbeiten erlauben wir uns zu berechnen:\n\n${posLines('list')}\n\n${summe()}\n\n${zahlung}\nLeistungszeitraum: ${deDate(addDays(datum, -int(r, 3, 20)), 'dot')}\n\nMit freundlichen Grüßen\n${s.name}\n\n${fuss}`;
      break;
    case 'tabelle':
      text = `${kopf}\n\nRechnung\n\nRechnungsnummer: ${nr}\nRechnungsdatum: ${datumTxt}\nKundennummer: K-${int(r, 1000, 9999)}\n\nRechnungsempfänger:\n${custBlock}\n\nPos Bezeichnung${' '.repeat(51)} Menge Einheit  Einzelpreis     Gesamt\n${posLines('table')}\n\n${summe()}\n\n${zahlung}\n\n${fuss}`;
      break;
    case 'kompakt':
      text = `${s.name} | ${s.street}, ${s.city} | ${steuer}\n${custBlock.replace(/\n/g, ', ').replace(/^(Herrn|Frau), /, '$1 ')}\nRe.-Nr. ${nr} vom ${datumTxt}\n${posLines('list')}\n${summe().replace(/\n/g, ' | ')}\n${zahlung}\nBankverbindung: ${s.bank}, IBAN: ${ibanTxt}`;
      break;
    case 'mail':
      text = `Von: ${s.name} <${s.mail}>\nBetreff: Ihre Rechnung ${nr}\n\nGuten Tag,\n\nanbei erhalten Sie unsere Rechnung ${nr} vom ${datumTxt}. Hier die Eckdaten auch noch einmal im Text:\n\n${posLines('list')}\n\n${summe()}\n\n${zahlung} Unsere Bankverbindung: ${ibanTxt} (${s.bank}).\n\nViele Grüße\n${(s.inhaber ?? s.name).replace(/^Inh\. /, '')}\n--\n${s.name}, ${s.street}, ${s.city}\n${steuer}`;
      break;
    case 'kostennote':
      text = `${s.name}\n${s.inhaber ? s.inhaber + '\n' : ''}${s.street}, ${s.city}\n\n${custBlock}\n\nKostennote Nr. ${nr}\nDatum: ${datumTxt}\nUnser Zeichen: ${int(r, 10, 499)}/${year.slice(2)} ${pick(r, ['Ki', 'Le', 'Wo', 'St'])}\nIn Sachen: ${pick(r, ['Beratung Gesellschaftsvertrag', 'Kündigungsschutz', 'Mietrecht Gewerbeobjekt', 'Forderungsmanagement', 'Jahresabschluss 2025'])}\n\nFür unsere Tätigkeit berechnen wir:\n\n${posLines('list')}\n\n${summe()}\n\n${zahlung}\n\nBankverbindung: ${s.bank}\nIBAN: ${ibanTxt}\n${steuer}`;
      break;
    case 'angebot':
      text = `${kopf}\n\n${custBlock}\n\nAngebot Nr. ${nr}\nDatum: ${datumTxt}\n\nSehr geehrte Damen und Herren,\nvielen Dank für Ihre Anfrage. Gerne bieten wir Ihnen folgende Leistungen an:\n\n${posLines('list')}\n\n${summe()}\n\n${zahlung} Zahlungsbedingungen bei Auftragserteilung: 14 Tage netto.\n\nWir freuen uns auf Ihren Auftrag.\n${s.name}\n\n${fuss}`;
      break;
  }
  if (isOffer) faelligExpected = faellig;
  return {
    id: `invoice-${String(n).padStart(3, '0')}`,
    text,
    expected: {
      belegart: isOffer ? 'Angebot' : 'Rechnung',
      rechnungsnummer: nr,
      datum,
      faelligkeit: faelligExpected,
      netto,
      ust_satz: s.rate,
      ust_betrag: ust,
      brutto,
      iban,
      ust_idnr: ustId,
      lieferant: s.name
    },
    meta: { layout, supplierKind: s.kind, positions: pos.map((p) => ({ text: p.text, qty: p.qty, unitPriceNet: p.price, totalNet: p.total })), synthetic: true }
  };
}

const rows: Row[] = [];
const layoutsFor = (s: Supplier): Layout[] => (s.kind === 'kanzlei' ? ['kostennote', 'kostennote', 'mail', 'klassisch'] : ['klassisch', 'tabelle', 'kompakt', 'mail', 'angebot']);
let n = 1;
for (let round = 0; round < 4; round++) {
  for (const s of SUPPLIERS) {
    if (round === 3 && n > 52) break;
    const layouts = layoutsFor(s);
    const layout = layouts[(round + s.key.length) % layouts.length];
    const d = makeDoc(n++, s, layout);
    rows.push({ id: d.id, input: { text: d.text }, expected: d.expected, meta: d.meta });
  }
}
const file = writeItems('de-invoice-extraction', rows, [
  'IBANs carry valid ISO 13616 check digits; bank codes and bank names are those of real German banks, account numbers are invented',
  'USt-IdNr. are invented with a valid ISO 7064 MOD 11,10 check digit; amounts: sum of positions = netto, round(netto * rate) = USt, netto + USt = brutto'
]);
console.log(`wrote ${rows.length} items to ${file}`);
