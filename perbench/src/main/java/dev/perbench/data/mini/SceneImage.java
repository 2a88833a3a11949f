package dev.perbench.data.mini;

/**
 * Paints a scene: a background that darkens slightly from top to bottom (a light texture that costs
 * nothing in the PNG), then every shape's mask in painting order with its flat colour. Painting
 * from the masks is what makes a fully visible shape's mask exactly its pixels.
 */
final class SceneImage {
  /** How many grey levels the background loses from the top row to the bottom row. */
  private static final int GRADIENT = 12;

  private SceneImage() {}

  /** Row-major 0xRRGGBB pixels, {@link Scene#HEIGHT} x {@link Scene#WIDTH}. */
  static int[] render(Scene scene) {
    int h = Scene.HEIGHT;
    int w = Scene.WIDTH;
    int[] rgb = new int[h * w];
    for (int y = 0; y < h; y++) {
      int shade = GRADIENT * y / (h - 1);
      int c = darker(scene.background(), shade);
      for (int x = 0; x < w; x++) {
        rgb[y * w + x] = c;
      }
    }
    for (Shape s : scene.shapes()) {
      byte[] bitmap = s.mask().toBitmap();
      for (int p = 0; p < bitmap.length; p++) {
        if (bitmap[p] != 0) {
          rgb[p] = s.colour().rgb();
        }
      }
    }
    return rgb;
  }

  /** The scene as PNG bytes. */
  static byte[] png(Scene scene) {
    return PngEncoder.rgb(Scene.WIDTH, Scene.HEIGHT, render(scene));
  }

  private static int darker(int rgb, int by) {
    int r = Math.max(0, (rgb >> 16 & 0xFF) - by);
    int g = Math.max(0, (rgb >> 8 & 0xFF) - by);
    int b = Math.max(0, (rgb & 0xFF) - by);
    return r << 16 | g << 8 | b;
  }
}
