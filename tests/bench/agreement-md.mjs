// Writes an agreement of real size as Markdown (`# title`, `## chapter`, `### clause`):
// 12 chapters of 10 clauses, each clause about 600 characters, for `samrad-server admin create`.
//   node agreement-md.mjs [clauses]   (default 120)
const clauses = Number(process.argv[2] ?? 120);
const sentences = [
  'Parterna ska gemensamt planera insatser för personer med behov av både hälso- och sjukvård och socialtjänst.',
  'Regionen ansvarar för att den enskilde får en fast vårdkontakt och en samordnad individuell plan inom skälig tid.',
  'Kommunen ansvarar för hemsjukvård upp till sjuksköterskenivå och för rehabilitering i ordinärt boende.',
  'Överenskommelsen följs upp årligen i den politiska samverkansberedningen med stöd av gemensamma nyckeltal.',
  'Oenighet om tolkning av överenskommelsen hanteras först på tjänstepersonsnivå och därefter i beredningen.',
  'Informationsöverföring sker digitalt i det gemensamma planeringsstödet och med den enskildes samtycke.',
];
const out = ['# Hälso- och sjukvårdsavtal, belastningsprov', ''];
const perChapter = 10;
for (let c = 0; c < clauses; c++) {
  if (c % perChapter === 0) out.push(`## ${c / perChapter + 1} Kapitel ${c / perChapter + 1}`, '');
  out.push(`### ${Math.floor(c / perChapter) + 1}.${(c % perChapter) + 1} Punkt ${c + 1}`, '');
  let text = '';
  for (let s = c; text.length < 580; s++) text += (text ? ' ' : '') + sentences[s % sentences.length];
  out.push(text, '');
}
process.stdout.write(out.join('\n'));
