// Original, locally generated illustrations for the demo newsroom.
//
// Every picture is an SVG composed here (a gradient background from the article's palette plus a
// simple geometric illustration for its motif) and rasterised to JPEG with sharp. No text is drawn,
// so no fonts are needed, and the output is deterministic: the same spec always yields the same bytes.

import { loadSharp } from '../media/sharp.js';
import { seededRandom } from './random.js';

export const demoMotifs = [
  'cricket',
  'city',
  'chart',
  'globe',
  'film',
  'chip',
  'rain',
  'parliament',
  'stadium',
  'field',
] as const;

export type DemoImageMotif = (typeof demoMotifs)[number];

export interface DemoImageSpec {
  title: string;
  palette: [string, string];
  motif: string;
}

/** Design canvas; the SVG is scaled (cover) to whatever size is requested. */
const W = 1600;
const H = 900;

export function isDemoMotif(value: string): value is DemoImageMotif {
  return (demoMotifs as readonly string[]).includes(value);
}

/** Compose the SVG source for a demo image (exported for tests and previews). */
export function demoImageSvg(spec: DemoImageSpec, width = W, height = H): string {
  const [c1, c2] = normalisePalette(spec.palette);
  const rand = seededRandom(hashString(`${spec.title}|${c1}|${c2}|${spec.motif}`));
  const dark = mix(c1, '#0b0f1a', 0.55);
  const deep = mix(c2, '#0b0f1a', 0.35);
  const light = mix(c1, '#ffffff', 0.82);

  const draw = motifDrawers[isDemoMotif(spec.motif) ? spec.motif : 'globe'];
  const body = draw({ rand, c1, c2, dark, deep, light });

  // Soft background bokeh, placed pseudo-randomly but deterministically.
  const bubbles: string[] = [];
  for (let i = 0; i < 7; i++) {
    const r = 60 + rand() * 220;
    bubbles.push(
      `<circle cx="${f(rand() * W)}" cy="${f(rand() * H)}" r="${f(r)}" fill="#ffffff" fill-opacity="${f(0.03 + rand() * 0.05)}"/>`,
    );
  }

  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${W} ${H}" preserveAspectRatio="xMidYMid slice">`,
    '<defs>',
    `<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${c1}"/><stop offset="1" stop-color="${c2}"/></linearGradient>`,
    `<radialGradient id="glow" cx="0.72" cy="0.32" r="0.75"><stop offset="0" stop-color="#ffffff" stop-opacity="0.28"/><stop offset="1" stop-color="#ffffff" stop-opacity="0"/></radialGradient>`,
    `<linearGradient id="shade" x1="0" y1="0" x2="0" y2="1"><stop offset="0.55" stop-color="#000000" stop-opacity="0"/><stop offset="1" stop-color="#000000" stop-opacity="0.32"/></linearGradient>`,
    `<pattern id="dots" width="28" height="28" patternUnits="userSpaceOnUse"><circle cx="3" cy="3" r="1.6" fill="#ffffff" fill-opacity="0.10"/></pattern>`,
    '</defs>',
    `<rect width="${W}" height="${H}" fill="url(#bg)"/>`,
    `<rect width="${W}" height="${H}" fill="url(#glow)"/>`,
    `<rect x="0" y="0" width="560" height="${H}" fill="url(#dots)"/>`,
    ...bubbles,
    body,
    `<rect width="${W}" height="${H}" fill="url(#shade)"/>`,
    '</svg>',
  ].join('\n');
}

/** Render a demo image as a JPEG buffer of exactly width × height pixels. */
export async function renderDemoImage(spec: DemoImageSpec, width = 1600, height = 900): Promise<Buffer> {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`invalid image size ${width}x${height}`);
  }
  const svg = demoImageSvg(spec, width, height);
  const sharp = await loadSharp();
  return sharp(Buffer.from(svg))
    .resize(width, height, { fit: 'cover' })
    .flatten({ background: normalisePalette(spec.palette)[0] })
    .jpeg({ quality: 84, chromaSubsampling: '4:4:4' })
    .toBuffer();
}

// ---------------------------------------------------------------------------------------------
// Motifs

interface Ctx {
  rand: () => number;
  c1: string;
  c2: string;
  dark: string;
  deep: string;
  light: string;
}

const WHITE = '#ffffff';

const motifDrawers: Record<DemoImageMotif, (ctx: Ctx) => string> = {
  cricket({ dark, light }) {
    const out: string[] = [];
    // Ground and pitch.
    out.push(`<ellipse cx="800" cy="905" rx="1100" ry="190" fill="${WHITE}" fill-opacity="0.10"/>`);
    out.push(`<polygon points="610,900 990,900 900,640 700,640" fill="${light}" fill-opacity="0.35"/>`);
    out.push(`<line x1="690" y1="690" x2="910" y2="690" stroke="${WHITE}" stroke-width="5" stroke-opacity="0.8"/>`);
    // Stumps with bails.
    for (let i = 0; i < 3; i++) {
      const x = 740 + i * 52;
      out.push(`<rect x="${x}" y="400" width="20" height="290" rx="8" fill="${WHITE}" fill-opacity="0.92"/>`);
    }
    out.push(`<rect x="736" y="388" width="60" height="12" rx="6" fill="${light}"/>`);
    out.push(`<rect x="808" y="388" width="60" height="12" rx="6" fill="${light}"/>`);
    // Ball with seam, flying in from the right.
    const bx = 1190;
    const by = 330;
    out.push(`<circle cx="${bx + 14}" cy="${by + 18}" r="128" fill="${dark}" fill-opacity="0.35"/>`);
    out.push(`<circle cx="${bx}" cy="${by}" r="125" fill="#b3232f"/>`);
    out.push(`<circle cx="${bx - 38}" cy="${by - 42}" r="46" fill="${WHITE}" fill-opacity="0.16"/>`);
    out.push(
      `<path d="M ${bx - 80} ${by - 96} Q ${bx + 10} ${by} ${bx - 80} ${by + 96}" fill="none" stroke="#f6e7c8" stroke-width="6"/>`,
    );
    out.push(
      `<path d="M ${bx - 62} ${by - 108} Q ${bx + 30} ${by} ${bx - 62} ${by + 108}" fill="none" stroke="#f6e7c8" stroke-width="4" stroke-dasharray="9 10"/>`,
    );
    out.push(
      `<path d="M ${bx - 98} ${by - 80} Q ${bx - 12} ${by} ${bx - 98} ${by + 80}" fill="none" stroke="#f6e7c8" stroke-width="4" stroke-dasharray="9 10"/>`,
    );
    // Motion trail.
    for (let i = 0; i < 3; i++) {
      out.push(
        `<line x1="${bx + 150 + i * 20}" y1="${by - 50 + i * 50}" x2="${bx + 330 + i * 40}" y2="${by - 90 + i * 50}" stroke="${WHITE}" stroke-width="${10 - i * 2}" stroke-linecap="round" stroke-opacity="0.35"/>`,
      );
    }
    return out.join('');
  },

  city({ rand, dark, deep, light }) {
    const out: string[] = [];
    out.push(`<circle cx="1250" cy="230" r="95" fill="${light}" fill-opacity="0.9"/>`);
    // Far skyline.
    let x = -20;
    while (x < W) {
      const w = 70 + rand() * 90;
      const h = 180 + rand() * 260;
      out.push(`<rect x="${f(x)}" y="${f(760 - h)}" width="${f(w)}" height="${f(h + 200)}" fill="${deep}" fill-opacity="0.45"/>`);
      x += w + 8;
    }
    // Near skyline with lit windows.
    x = -10;
    while (x < W) {
      const w = 110 + rand() * 120;
      const h = 160 + rand() * 330;
      const top = 820 - h;
      out.push(`<rect x="${f(x)}" y="${f(top)}" width="${f(w)}" height="${f(h + 100)}" fill="${dark}" fill-opacity="0.88"/>`);
      if (rand() < 0.35) {
        out.push(`<rect x="${f(x + w / 2 - 3)}" y="${f(top - 60)}" width="6" height="60" fill="${dark}" fill-opacity="0.88"/>`);
      }
      for (let wy = top + 24; wy < 800; wy += 38) {
        for (let wx = x + 16; wx < x + w - 26; wx += 30) {
          if (rand() < 0.42) {
            out.push(`<rect x="${f(wx)}" y="${f(wy)}" width="14" height="20" fill="#ffe7a3" fill-opacity="${f(0.55 + rand() * 0.4)}"/>`);
          }
        }
      }
      x += w + 14;
    }
    out.push(`<rect x="0" y="815" width="${W}" height="85" fill="${dark}"/>`);
    return out.join('');
  },

  chart({ rand, dark, light }) {
    const out: string[] = [];
    const x0 = 360;
    const y0 = 760;
    // Panel and grid.
    out.push(`<rect x="300" y="150" width="1000" height="660" rx="36" fill="${WHITE}" fill-opacity="0.10"/>`);
    for (let i = 1; i <= 4; i++) {
      const y = y0 - i * 130;
      out.push(`<line x1="${x0}" y1="${y}" x2="1240" y2="${y}" stroke="${WHITE}" stroke-opacity="0.18" stroke-width="2"/>`);
    }
    out.push(`<line x1="${x0}" y1="${y0}" x2="1240" y2="${y0}" stroke="${WHITE}" stroke-opacity="0.8" stroke-width="4"/>`);
    // Bars trending upwards with noise.
    const n = 8;
    const pts: Array<[number, number]> = [];
    for (let i = 0; i < n; i++) {
      const h = 110 + (i / (n - 1)) * 360 + (rand() - 0.5) * 110;
      const bx = x0 + 30 + i * 106;
      out.push(`<rect x="${f(bx)}" y="${f(y0 - h)}" width="64" height="${f(h)}" rx="10" fill="${i === n - 1 ? light : WHITE}" fill-opacity="${i === n - 1 ? 0.95 : 0.55}"/>`);
      pts.push([bx + 32, y0 - h - 60]);
    }
    const path = pts.map(([px, py], i) => `${i === 0 ? 'M' : 'L'} ${f(px)} ${f(py)}`).join(' ');
    out.push(`<path d="${path}" fill="none" stroke="${dark}" stroke-width="9" stroke-linejoin="round" stroke-linecap="round"/>`);
    for (const [px, py] of pts) {
      out.push(`<circle cx="${f(px)}" cy="${f(py)}" r="12" fill="${WHITE}" stroke="${dark}" stroke-width="6"/>`);
    }
    const [lx, ly] = pts[pts.length - 1];
    out.push(`<polygon points="${f(lx + 10)},${f(ly - 70)} ${f(lx + 60)},${f(ly - 10)} ${f(lx - 20)},${f(ly - 20)}" fill="${dark}"/>`);
    return out.join('');
  },

  globe({ rand, dark, light }) {
    const out: string[] = [];
    const cx = 980;
    const cy = 450;
    const r = 280;
    out.push(`<defs><clipPath id="gclip"><circle cx="${cx}" cy="${cy}" r="${r}"/></clipPath></defs>`);
    out.push(`<circle cx="${cx + 18}" cy="${cy + 22}" r="${r}" fill="${dark}" fill-opacity="0.35"/>`);
    out.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${light}" fill-opacity="0.22" stroke="${WHITE}" stroke-width="6"/>`);
    // Abstract land masses.
    const land: string[] = [];
    for (let i = 0; i < 6; i++) {
      land.push(
        `<ellipse cx="${f(cx - 220 + rand() * 440)}" cy="${f(cy - 200 + rand() * 400)}" rx="${f(50 + rand() * 90)}" ry="${f(30 + rand() * 60)}" transform="rotate(${f(rand() * 180)} ${cx} ${cy})" fill="${WHITE}" fill-opacity="0.28"/>`,
      );
    }
    out.push(`<g clip-path="url(#gclip)">${land.join('')}</g>`);
    for (const k of [0.25, 0.55, 0.82]) {
      out.push(`<ellipse cx="${cx}" cy="${cy}" rx="${f(r * k)}" ry="${r}" fill="none" stroke="${WHITE}" stroke-opacity="0.7" stroke-width="3"/>`);
    }
    out.push(`<line x1="${cx}" y1="${cy - r}" x2="${cx}" y2="${cy + r}" stroke="${WHITE}" stroke-opacity="0.7" stroke-width="3"/>`);
    for (const t of [-0.66, -0.33, 0, 0.33, 0.66]) {
      const y = cy + t * r;
      const hw = Math.sqrt(r * r - (t * r) ** 2);
      out.push(`<line x1="${f(cx - hw)}" y1="${f(y)}" x2="${f(cx + hw)}" y2="${f(y)}" stroke="${WHITE}" stroke-opacity="0.7" stroke-width="3"/>`);
    }
    // Orbit with satellites / connection points.
    out.push(`<ellipse cx="${cx}" cy="${cy}" rx="440" ry="120" transform="rotate(-18 ${cx} ${cy})" fill="none" stroke="${WHITE}" stroke-opacity="0.55" stroke-width="4" stroke-dasharray="2 16" stroke-linecap="round"/>`);
    const a = rand() * Math.PI * 2;
    for (const d of [0, 2.1, 4.2]) {
      const ang = a + d;
      const ex = 440 * Math.cos(ang);
      const ey = 120 * Math.sin(ang);
      const rot = (-18 * Math.PI) / 180;
      const px = cx + ex * Math.cos(rot) - ey * Math.sin(rot);
      const py = cy + ex * Math.sin(rot) + ey * Math.cos(rot);
      out.push(`<circle cx="${f(px)}" cy="${f(py)}" r="14" fill="${WHITE}"/>`);
    }
    return out.join('');
  },

  film({ dark, light, c2 }) {
    const out: string[] = [];
    const strip: string[] = [];
    strip.push(`<rect x="-200" y="0" width="2000" height="300" fill="${dark}" fill-opacity="0.92"/>`);
    for (let x = -190; x < 1800; x += 60) {
      strip.push(`<rect x="${x}" y="18" width="32" height="26" rx="6" fill="${light}" fill-opacity="0.85"/>`);
      strip.push(`<rect x="${x}" y="256" width="32" height="26" rx="6" fill="${light}" fill-opacity="0.85"/>`);
    }
    for (let i = 0; i < 7; i++) {
      const x = -160 + i * 290;
      strip.push(`<rect x="${x}" y="62" width="250" height="176" rx="10" fill="${i % 2 ? c2 : light}" fill-opacity="${i % 2 ? 0.75 : 0.5}"/>`);
      strip.push(`<circle cx="${x + 170}" cy="118" r="22" fill="${WHITE}" fill-opacity="0.6"/>`);
      strip.push(`<polygon points="${x + 20},220 ${x + 100},130 ${x + 170},220" fill="${WHITE}" fill-opacity="0.45"/>`);
    }
    out.push(`<g transform="translate(0 330) rotate(-9 800 150)">${strip.join('')}</g>`);
    // Play button.
    out.push(`<circle cx="1230" cy="230" r="105" fill="${WHITE}" fill-opacity="0.92"/>`);
    out.push(`<polygon points="1198,172 1198,288 1292,230" fill="${dark}"/>`);
    // Spotlight beams.
    out.push(`<polygon points="120,0 260,0 560,900 -80,900" fill="${WHITE}" fill-opacity="0.06"/>`);
    return out.join('');
  },

  chip({ dark, light, c2 }) {
    const out: string[] = [];
    const cx = 880;
    const cy = 450;
    const s = 320;
    // Circuit traces: one per pin, running straight out and ending in a via.
    for (let i = 0; i < 8; i++) {
      const o = -s / 2 + 30 + i * ((s - 60) / 7);
      const len = 90 + ((i * 37) % 5) * 45;
      const sides: Array<[number, number, number, number]> = [
        [cx + o, cy - s / 2 - 60, cx + o, cy - s / 2 - 60 - len],
        [cx + o, cy + s / 2 + 60, cx + o, cy + s / 2 + 60 + len],
        [cx - s / 2 - 60, cy + o, cx - s / 2 - 60 - len * 1.6, cy + o],
        [cx + s / 2 + 60, cy + o, cx + s / 2 + 60 + len * 1.6, cy + o],
      ];
      for (const [x1, y1, x2, y2] of sides) {
        out.push(`<line x1="${f(x1)}" y1="${f(y1)}" x2="${f(x2)}" y2="${f(y2)}" stroke="${WHITE}" stroke-opacity="0.35" stroke-width="4"/>`);
        out.push(`<circle cx="${f(x2)}" cy="${f(y2)}" r="10" fill="none" stroke="${light}" stroke-opacity="0.85" stroke-width="4"/>`);
      }
    }
    // Pins.
    for (let i = 0; i < 8; i++) {
      const o = -s / 2 + 30 + i * ((s - 60) / 7);
      out.push(`<rect x="${f(cx + o - 9)}" y="${cy - s / 2 - 60}" width="18" height="60" rx="4" fill="${light}"/>`);
      out.push(`<rect x="${f(cx + o - 9)}" y="${cy + s / 2}" width="18" height="60" rx="4" fill="${light}"/>`);
      out.push(`<rect x="${cx - s / 2 - 60}" y="${f(cy + o - 9)}" width="60" height="18" rx="4" fill="${light}"/>`);
      out.push(`<rect x="${cx + s / 2}" y="${f(cy + o - 9)}" width="60" height="18" rx="4" fill="${light}"/>`);
    }
    // Package and die.
    out.push(`<rect x="${cx - s / 2 + 14}" y="${cy - s / 2 + 18}" width="${s}" height="${s}" rx="34" fill="#000000" fill-opacity="0.25"/>`);
    out.push(`<rect x="${cx - s / 2}" y="${cy - s / 2}" width="${s}" height="${s}" rx="34" fill="${dark}"/>`);
    out.push(`<rect x="${cx - 100}" y="${cy - 100}" width="200" height="200" rx="16" fill="${c2}" stroke="${light}" stroke-width="4"/>`);
    for (let i = 1; i < 4; i++) {
      out.push(`<line x1="${cx - 100 + i * 50}" y1="${cy - 100}" x2="${cx - 100 + i * 50}" y2="${cy + 100}" stroke="${light}" stroke-opacity="0.5" stroke-width="2"/>`);
      out.push(`<line x1="${cx - 100}" y1="${cy - 100 + i * 50}" x2="${cx + 100}" y2="${cy - 100 + i * 50}" stroke="${light}" stroke-opacity="0.5" stroke-width="2"/>`);
    }
    out.push(`<circle cx="${cx - s / 2 + 40}" cy="${cy - s / 2 + 40}" r="12" fill="${light}" fill-opacity="0.7"/>`);
    return out.join('');
  },

  rain({ rand, dark, light }) {
    const out: string[] = [];
    const cloud = (x: number, y: number, k: number, op: number): string =>
      `<g transform="translate(${f(x)} ${f(y)}) scale(${f(k)})" fill="${WHITE}" fill-opacity="${f(op)}">` +
      '<circle cx="0" cy="40" r="70"/><circle cx="90" cy="0" r="100"/><circle cx="200" cy="30" r="80"/><circle cx="280" cy="70" r="55"/>' +
      '<rect x="0" y="40" width="280" height="85" rx="42"/></g>';
    out.push(cloud(180, 120, 0.8, 0.35));
    out.push(cloud(1180, 90, 0.7, 0.3));
    out.push(cloud(620, 170, 1.45, 0.92));
    // Drops.
    for (let i = 0; i < 34; i++) {
      const x = 560 + rand() * 560;
      const y = 420 + rand() * 330;
      const k = 0.6 + rand() * 0.7;
      out.push(
        `<path transform="translate(${f(x)} ${f(y)}) scale(${f(k)}) rotate(12)" d="M 0 -34 C 10 -14 22 0 22 14 A 22 22 0 0 1 -22 14 C -22 0 -10 -14 0 -34 Z" fill="${light}" fill-opacity="${f(0.6 + rand() * 0.35)}"/>`,
      );
    }
    // Puddle ripples.
    for (let i = 0; i < 3; i++) {
      out.push(`<ellipse cx="${760 + i * 180}" cy="${830 - i * 8}" rx="${120 - i * 20}" ry="${22 - i * 3}" fill="none" stroke="${WHITE}" stroke-opacity="0.45" stroke-width="4"/>`);
    }
    out.push(`<rect x="0" y="860" width="${W}" height="40" fill="${dark}" fill-opacity="0.5"/>`);
    return out.join('');
  },

  parliament({ dark, light }) {
    const out: string[] = [];
    const cx = 880;
    // Steps.
    for (let i = 0; i < 4; i++) {
      out.push(`<rect x="${380 - i * 30}" y="${760 + i * 28}" width="${1000 + i * 60}" height="30" fill="${WHITE}" fill-opacity="${f(0.75 - i * 0.12)}"/>`);
    }
    // Colonnade.
    out.push(`<rect x="400" y="470" width="960" height="40" fill="${WHITE}" fill-opacity="0.92"/>`);
    out.push(`<rect x="400" y="510" width="960" height="250" fill="${dark}" fill-opacity="0.5"/>`);
    for (let i = 0; i < 16; i++) {
      const x = 420 + i * 59;
      out.push(`<rect x="${x}" y="510" width="26" height="250" fill="${WHITE}" fill-opacity="0.9"/>`);
    }
    out.push(`<rect x="380" y="452" width="1000" height="20" fill="${light}"/>`);
    // Drum and dome.
    out.push(`<rect x="${cx - 190}" y="330" width="380" height="122" fill="${WHITE}" fill-opacity="0.85"/>`);
    for (let i = 0; i < 7; i++) {
      out.push(`<rect x="${cx - 160 + i * 50}" y="350" width="18" height="90" rx="9" fill="${dark}" fill-opacity="0.45"/>`);
    }
    out.push(`<path d="M ${cx - 210} 332 A 210 190 0 0 1 ${cx + 210} 332 Z" fill="${light}"/>`);
    out.push(`<path d="M ${cx - 130} 300 A 130 130 0 0 1 ${cx - 40} 170" fill="none" stroke="${WHITE}" stroke-opacity="0.7" stroke-width="8" stroke-linecap="round"/>`);
    // Flag.
    out.push(`<rect x="${cx - 4}" y="60" width="8" height="90" fill="${WHITE}"/>`);
    out.push(`<rect x="${cx + 4}" y="64" width="96" height="22" fill="#ff9933"/>`);
    out.push(`<rect x="${cx + 4}" y="86" width="96" height="22" fill="#ffffff"/>`);
    out.push(`<rect x="${cx + 4}" y="108" width="96" height="22" fill="#138808"/>`);
    out.push(`<circle cx="${cx + 52}" cy="97" r="7" fill="none" stroke="#000080" stroke-width="2.5"/>`);
    return out.join('');
  },

  stadium({ rand, dark, light }) {
    const out: string[] = [];
    const cx = 800;
    const cy = 640;
    // Light beams from four towers.
    const towers = [230, 560, 1040, 1370];
    for (const tx of towers) {
      out.push(`<polygon points="${tx - 30},120 ${tx + 30},120 ${cx + (tx - cx) * 0.15 + 260},${cy} ${cx + (tx - cx) * 0.15 - 260},${cy}" fill="${WHITE}" fill-opacity="0.07"/>`);
    }
    // Floodlight towers.
    for (const tx of towers) {
      out.push(`<rect x="${tx - 7}" y="120" width="14" height="${cy - 120}" fill="${WHITE}" fill-opacity="0.75"/>`);
      out.push(`<rect x="${tx - 50}" y="70" width="100" height="60" rx="8" fill="${dark}"/>`);
      for (let r = 0; r < 2; r++) {
        for (let c = 0; c < 4; c++) {
          out.push(`<circle cx="${tx - 36 + c * 24}" cy="${86 + r * 28}" r="9" fill="#fff6cf"/>`);
        }
      }
    }
    // Stands and field.
    out.push(`<ellipse cx="${cx}" cy="${cy}" rx="720" ry="240" fill="${dark}" fill-opacity="0.85"/>`);
    for (let i = 0; i < 90; i++) {
      const ang = (i / 90) * Math.PI * 2;
      const rr = 0.86 + rand() * 0.1;
      out.push(`<circle cx="${f(cx + 720 * rr * Math.cos(ang))}" cy="${f(cy + 240 * rr * Math.sin(ang))}" r="4" fill="${light}" fill-opacity="${f(0.4 + rand() * 0.5)}"/>`);
    }
    out.push(`<ellipse cx="${cx}" cy="${cy}" rx="560" ry="170" fill="#2f8f4e"/>`);
    out.push(`<ellipse cx="${cx}" cy="${cy}" rx="560" ry="170" fill="none" stroke="${WHITE}" stroke-opacity="0.8" stroke-width="5"/>`);
    out.push(`<ellipse cx="${cx}" cy="${cy}" rx="300" ry="90" fill="none" stroke="${WHITE}" stroke-opacity="0.45" stroke-width="4" stroke-dasharray="14 12"/>`);
    out.push(`<rect x="${cx - 18}" y="${cy - 60}" width="36" height="120" fill="#d9c48a"/>`);
    return out.join('');
  },

  field({ rand, dark, light }) {
    const out: string[] = [];
    // Sun with rays.
    out.push(`<circle cx="1220" cy="230" r="110" fill="#ffd45c" fill-opacity="0.95"/>`);
    for (let i = 0; i < 12; i++) {
      const a = (i / 12) * Math.PI * 2;
      out.push(
        `<line x1="${f(1220 + 140 * Math.cos(a))}" y1="${f(230 + 140 * Math.sin(a))}" x2="${f(1220 + 190 * Math.cos(a))}" y2="${f(230 + 190 * Math.sin(a))}" stroke="#ffd45c" stroke-opacity="0.8" stroke-width="10" stroke-linecap="round"/>`,
      );
    }
    // Hills.
    out.push(`<path d="M 0 520 Q 400 380 800 500 T 1600 470 L 1600 900 L 0 900 Z" fill="${light}" fill-opacity="0.35"/>`);
    out.push(`<path d="M 0 580 Q 500 500 900 570 T 1600 560 L 1600 900 L 0 900 Z" fill="#3f8f3a"/>`);
    // Crop rows converging to a vanishing point.
    const vx = 800;
    const vy = 560;
    for (let i = -9; i <= 9; i++) {
      const bx = vx + i * 140;
      out.push(`<line x1="${vx + i * 18}" y1="${vy + 14}" x2="${bx}" y2="900" stroke="${dark}" stroke-opacity="0.35" stroke-width="${f(4 + Math.abs(i) * 0.4)}"/>`);
      for (let t = 0.15; t < 1; t += 0.14) {
        const px = vx + i * 18 + (bx - vx - i * 18) * t;
        const py = vy + 14 + (900 - vy - 14) * t;
        const k = 0.4 + t * 1.4;
        out.push(
          `<path transform="translate(${f(px)} ${f(py)}) scale(${f(k)})" d="M 0 0 C -14 -10 -16 -26 -4 -34 C 2 -22 4 -10 0 0 C 4 -12 14 -22 26 -22 C 22 -8 10 0 0 0 Z" fill="#bfe38a" fill-opacity="${f(0.7 + rand() * 0.3)}"/>`,
        );
      }
    }
    // Birds.
    for (let i = 0; i < 3; i++) {
      const x = 420 + i * 90 + rand() * 40;
      const y = 200 + rand() * 80;
      out.push(`<path d="M ${f(x)} ${f(y)} q 18 -16 36 0 q 18 -16 36 0" fill="none" stroke="${dark}" stroke-width="5" stroke-linecap="round"/>`);
    }
    return out.join('');
  },
};

// ---------------------------------------------------------------------------------------------
// Helpers

function f(n: number): string {
  return (Math.round(n * 10) / 10).toString();
}

function normalisePalette(palette: [string, string]): [string, string] {
  return [normaliseHex(palette[0], '#1f3a5f'), normaliseHex(palette[1], '#c0504d')];
}

function normaliseHex(value: string, fallback: string): string {
  const v = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${v[1]}${v[1]}${v[2]}${v[2]}${v[3]}${v[3]}`;
  return fallback;
}

function mix(a: string, b: string, t: number): string {
  const pa = parseInt(a.slice(1), 16);
  const pb = parseInt(b.slice(1), 16);
  const ch = (shift: number): number => {
    const x = (pa >> shift) & 0xff;
    const y = (pb >> shift) & 0xff;
    return Math.round(x + (y - x) * t);
  };
  return `#${[ch(16), ch(8), ch(0)].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

/** FNV-1a over UTF-16 code units. */
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

