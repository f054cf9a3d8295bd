/**
 * How teams are named on a scorecard strip: the short name ("RCB") and the Hindi name used in
 * commentary. Known sides are listed; any other team gets the initials of its name, and a match
 * may override either in its meta.
 */
interface KnownTeam {
  short: string;
  hi: string;
}

const KNOWN: Record<string, KnownTeam> = {
  'Royal Challengers Bengaluru': { short: 'RCB', hi: 'रॉयल चैलेंजर्स बेंगलुरु' },
  'Royal Challengers Bangalore': { short: 'RCB', hi: 'रॉयल चैलेंजर्स बैंगलोर' },
  'Punjab Kings': { short: 'PBKS', hi: 'पंजाब किंग्स' },
  'Kings XI Punjab': { short: 'KXIP', hi: 'किंग्स इलेवन पंजाब' },
  'Mumbai Indians': { short: 'MI', hi: 'मुंबई इंडियंस' },
  'Chennai Super Kings': { short: 'CSK', hi: 'चेन्नई सुपर किंग्स' },
  'Kolkata Knight Riders': { short: 'KKR', hi: 'कोलकाता नाइट राइडर्स' },
  'Delhi Capitals': { short: 'DC', hi: 'दिल्ली कैपिटल्स' },
  'Delhi Daredevils': { short: 'DD', hi: 'दिल्ली डेयरडेविल्स' },
  'Sunrisers Hyderabad': { short: 'SRH', hi: 'सनराइज़र्स हैदराबाद' },
  'Rajasthan Royals': { short: 'RR', hi: 'राजस्थान रॉयल्स' },
  'Gujarat Titans': { short: 'GT', hi: 'गुजरात टाइटंस' },
  'Lucknow Super Giants': { short: 'LSG', hi: 'लखनऊ सुपर जायंट्स' },
  India: { short: 'IND', hi: 'भारत' },
  Australia: { short: 'AUS', hi: 'ऑस्ट्रेलिया' },
  England: { short: 'ENG', hi: 'इंग्लैंड' },
  Pakistan: { short: 'PAK', hi: 'पाकिस्तान' },
  'South Africa': { short: 'SA', hi: 'दक्षिण अफ़्रीका' },
  'New Zealand': { short: 'NZ', hi: 'न्यूज़ीलैंड' },
  'Sri Lanka': { short: 'SL', hi: 'श्रीलंका' },
  Bangladesh: { short: 'BAN', hi: 'बांग्लादेश' },
  Afghanistan: { short: 'AFG', hi: 'अफ़ग़ानिस्तान' },
  'West Indies': { short: 'WI', hi: 'वेस्टइंडीज़' },
  Ireland: { short: 'IRE', hi: 'आयरलैंड' },
  Zimbabwe: { short: 'ZIM', hi: 'ज़िम्बाब्वे' },
  Nepal: { short: 'NEP', hi: 'नेपाल' },
};

/** "Royal Challengers Bengaluru" → "RCB"; an unknown one-word team → its first three letters. */
export function shortTeamName(team: string, overrides: Readonly<Record<string, string>> = {}): string {
  const given = overrides[team] ?? KNOWN[team]?.short;
  if (given) return given;
  const words = team.split(/\s+/).filter(Boolean);
  if (words.length === 1) return (words[0] ?? team).slice(0, 3).toUpperCase();
  return words.map((w) => w[0]!.toUpperCase()).join('');
}

/** Hindi spellings of the known teams, for commentary lines. */
export function hindiTeamNames(teams: readonly string[], overrides: Readonly<Record<string, string>> = {}): Record<string, string> {
  const names: Record<string, string> = {};
  for (const team of teams) {
    const hi = overrides[team] ?? KNOWN[team]?.hi;
    if (hi) names[team] = hi;
  }
  return names;
}
