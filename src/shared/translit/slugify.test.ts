import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isSlug } from '../text.js';
import { slugify } from './slugify.js';

const HEADLINES: readonly string[] = [
  'किम ने पुतिन को भेजा नए साल का संदेश',
  'लोकसभा चुनाव 2024: भाजपा ने जारी की उम्मीदवारों की पहली सूची',
  'मुंबई में भारी बारिश, कई इलाकों में जलभराव',
  'IPL 2024: धोनी ने रचा इतिहास',
  'दिल्ली में प्रदूषण का स्तर फिर खतरनाक',
  'प्रधानमंत्री मोदी आज करेंगे नए संसद भवन का उद्घाटन',
  'विराट कोहली ने जड़ा 50वां शतक',
  'शेयर बाज़ार में गिरावट, सेंसेक्स 500 अंक टूटा',
  'उत्तर प्रदेश में ठंड का कहर, स्कूल बंद',
  'राहुल गांधी की भारत जोड़ो यात्रा का आज अंतिम दिन',
  'चंद्रयान-3 ने चांद पर रखा कदम',
  'किसानों का आंदोलन जारी, सरकार से बातचीत बेनतीजा',
  'रूस-यूक्रेन युद्ध: ज़ेलेंस्की ने मांगी मदद',
  'बजट 2024: मध्यम वर्ग को राहत की उम्मीद',
  'सैनिकों के परिवारों के लिए नई योजना',
  'हिन्दी दिवस पर विशेष: भाषा का भविष्य',
  'अयोध्या में राम मंदिर प्राण प्रतिष्ठा की तैयारियां पूरी',
  'Apple ने भारत में लॉन्च किया नया iPhone',
  'पेट्रोल-डीज़ल के दाम में बढ़ोतरी',
  'केजरीवाल को सुप्रीम कोर्ट से राहत',
  'भारत बनाम ऑस्ट्रेलिया: टीम इंडिया की शानदार जीत',
  'ज़िंदगी में सफलता के पांच मंत्र',
  'गंगा में डुबकी लगाने पहुंचे लाखों श्रद्धालु',
  'नीतीश कुमार फिर बने बिहार के मुख्यमंत्री',
  '"हम झुकेंगे नहीं" — विपक्ष का सरकार पर हमला',
  'क्या आप जानते हैं? ॐ का अर्थ',
  "फ़िल्म 'पठान' ने तोड़े सारे रिकॉर्ड",
  'स्वच्छ भारत अभियान के १० साल',
  'डॉ॰ मनमोहन सिंह का निधन, देश में शोक की लहर',
  'अच्छी ख़बर: पेंशन योजना में बदलाव से लाखों को फ़ायदा',
];

/** Spot checks: what an editor would expect to see in the URL. */
const EXPECTED_SLUGS: ReadonlyArray<readonly [string, string]> = [
  ['किम ने पुतिन को भेजा नए साल का संदेश', 'kim-ne-putin-ko-bheja-naye-saal'],
  ['IPL 2024: धोनी ने रचा इतिहास', 'ipl-2024-dhoni-ne-racha-itihas'],
  ['उत्तर प्रदेश में ठंड का कहर, स्कूल बंद', 'uttar-pradesh-mein-thand-ka-kahar-skul-band'],
  ['चंद्रयान-3 ने चांद पर रखा कदम', 'chandrayan-3-ne-chaand-par-rakha-kadam'],
  ['सैनिकों के परिवारों के लिए नई योजना', 'sainikon-ke-pariwaron-ke-liye-nai-yojna'],
  ['Apple ने भारत में लॉन्च किया नया iPhone', 'apple-ne-bharat-mein-lonch-kiya-naya-iphone'],
  ['नीतीश कुमार फिर बने बिहार के मुख्यमंत्री', 'nitish-kumar-phir-bane-bihar-ke-mukhyamantri'],
  ['स्वच्छ भारत अभियान के १० साल', 'swachh-bharat-abhiyan-ke-10-saal'],
  ['डॉ॰ मनमोहन सिंह का निधन, देश में शोक की लहर', 'dr-manmohan-singh-ka-nidhan-desh-mein-shok'],
  ["फ़िल्म 'पठान' ने तोड़े सारे रिकॉर्ड", 'film-pathan-ne-tode-sare-rikord'],
];

describe('slugify', () => {
  for (const [headline, slug] of EXPECTED_SLUGS) {
    it(`turns "${headline}" into ${slug}`, () => {
      assert.equal(slugify(headline), slug);
    });
  }

  it('gives every headline a valid, ASCII, bounded slug', () => {
    for (const headline of HEADLINES) {
      const slug = slugify(headline);
      assert.ok(isSlug(slug), `${headline} → ${slug}`);
      assert.match(slug, /^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      assert.ok(slug.length <= 80, slug);
      assert.ok(slug.split('-').length <= 8, slug);
    }
  });

  it('is stable: the same headline always gives the same slug, and a slug slugifies to itself', () => {
    for (const headline of HEADLINES) {
      const slug = slugify(headline);
      assert.equal(slugify(headline), slug);
      assert.equal(slugify(slug), slug);
    }
  });

  it('keeps English words, lowercased and without accents or apostrophes', () => {
    assert.equal(slugify("Café Coffee Day’s IPO: शेयर उछले"), 'cafe-coffee-days-ipo-sheyar-uchhle');
  });

  it('returns an empty string when nothing sluggable is left', () => {
    assert.equal(slugify(''), '');
    assert.equal(slugify('   '), '');
    assert.equal(slugify('!!! — ।'), '');
    assert.equal(slugify('پاکستان 中国'), '');
  });

  it('stops at maxWords words', () => {
    assert.equal(slugify('एक दो तीन चार पांच', 3), 'ek-do-tin');
  });

  it('cuts long headlines at a word boundary within 80 characters', () => {
    const long = 'अंतरराष्ट्रीय अर्थव्यवस्था प्रतिस्पर्धात्मकता विश्वविद्यालय अनुसंधान प्रौद्योगिकी मुख्यमंत्री प्रधानमंत्री';
    const slug = slugify(long, 20);
    assert.ok(slug.length <= 80, slug);
    assert.ok(slugify(long, 20, { maxLength: 1000 }).startsWith(`${slug}-`), 'ends on a whole word');
  });

  it('cuts a single over-long word rather than returning nothing', () => {
    assert.equal(slugify('a'.repeat(100)), 'a'.repeat(80));
  });

  it('does not leave a truncated slug hanging on a particle', () => {
    // Nine words; the eighth is का, so the cut drops it too.
    assert.equal(slugify('किम ने पुतिन को भेजा नए साल का संदेश'), 'kim-ne-putin-ko-bheja-naye-saal');
  });

  it('can drop Hindi particles (ने को का की के में से है और)', () => {
    assert.equal(
      slugify('किम ने पुतिन को भेजा नए साल का संदेश', 8, { dropParticles: true }),
      'kim-putin-bheja-naye-saal-sandesh',
    );
    assert.equal(slugify('भारत और चीन में बातचीत है', 8, { dropParticles: true }), 'bharat-chin-batchit');
  });

  it('splits on hyphens and punctuation without doubling hyphens', () => {
    assert.equal(slugify('रूस--यूक्रेन  युद्ध -- ताज़ा...'), 'rus-yukren-yuddh-taza');
  });
});
