import { PNG } from 'pngjs';

/**
 * The app's two icons, drawn in code so that anyone can redraw them (`npx tsx scripts/draw-icons.ts`)
 * and a test can prove the committed files are these drawings. The motif is three overlapping
 * circles: the units that meet around one shared client.
 */

/** Straight-alpha colour, each channel 0..1. */
type Rgba = readonly [number, number, number, number];

/** 4 × 4 samples a pixel smooth the edges without a graphics library. */
const SAMPLES = 4;
const HALF_SQRT3 = Math.sqrt(3) / 2;

const TEAL: Rgba = [0x1f / 255, 0x6e / 255, 0x7a / 255, 1];
const WHITE: Rgba = [1, 1, 1, 1];
const DISC_ALPHA = 0.45;

interface Point {
  readonly x: number;
  readonly y: number;
}

/** Centres of three circles `spread` from the middle, one on top and two below, exact without sin/cos so every machine draws the same pixels. */
function trio(middle: Point, spread: number): Point[] {
  return [
    { x: middle.x, y: middle.y - spread },
    { x: middle.x - spread * HALF_SQRT3, y: middle.y + spread / 2 },
    { x: middle.x + spread * HALF_SQRT3, y: middle.y + spread / 2 },
  ];
}

const distanceSquared = (a: Point, b: Point) => (a.x - b.x) ** 2 + (a.y - b.y) ** 2;

function render(size: number, shade: (at: Point) => Rgba): PNG {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < SAMPLES; sy++) {
        for (let sx = 0; sx < SAMPLES; sx++) {
          const [sr, sg, sb, sa] = shade({ x: x + (sx + 0.5) / SAMPLES, y: y + (sy + 0.5) / SAMPLES });
          r += sr * sa;
          g += sg * sa;
          b += sb * sa;
          a += sa;
        }
      }
      const offset = (y * size + x) * 4;
      // Fully transparent pixels stay white too, so the outline icon holds nothing but white.
      png.data[offset] = a === 0 ? 255 : Math.round((r / a) * 255);
      png.data[offset + 1] = a === 0 ? 255 : Math.round((g / a) * 255);
      png.data[offset + 2] = a === 0 ? 255 : Math.round((b / a) * 255);
      png.data[offset + 3] = Math.round((a / (SAMPLES * SAMPLES)) * 255);
    }
  }
  return png;
}

/** 192 × 192, full colour: translucent white discs on the accent colour, brightest where all three meet. */
export function drawColorIcon(): PNG {
  const radius = 31;
  const spread = 20;
  // The trio's bounding box sits spread / 4 above its middle; shifting by that centres the symbol.
  const discs = trio({ x: 96, y: 96 + spread / 4 }, spread);
  return render(192, (at) => {
    const covering = discs.filter((centre) => distanceSquared(at, centre) <= radius * radius).length;
    const white = 1 - (1 - DISC_ALPHA) ** covering;
    const towardsWhite = (channel: number) => channel + (1 - channel) * white;
    return [towardsWhite(TEAL[0]), towardsWhite(TEAL[1]), towardsWhite(TEAL[2]), 1];
  });
}

/** 32 × 32, white rings on transparent, as Teams requires of the outline icon. */
export function drawOutlineIcon(): PNG {
  const radius = 8;
  const stroke = 2;
  const spread = 7;
  const rings = trio({ x: 16, y: 16 + spread / 4 }, spread);
  const inner = (radius - stroke / 2) ** 2;
  const outer = (radius + stroke / 2) ** 2;
  return render(32, (at) => {
    const onRing = rings.some((centre) => {
      const d = distanceSquared(at, centre);
      return d >= inner && d <= outer;
    });
    return onRing ? WHITE : [1, 1, 1, 0];
  });
}
