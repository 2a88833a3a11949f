package dev.perbench.web;

import javax.sql.DataSource;

/**
 * The services the website's pages and API read through, over one database and the benchmark data
 * installed where the server runs.
 */
public record Site(
    Leaderboards boards,
    SampleResults samples,
    SampleBrowser browser,
    Comparisons comparisons,
    OverlayImages overlays) {

  /** The services over {@code db}, drawing samples from {@code data}. */
  public static Site of(DataSource db, BenchmarkData data) {
    Leaderboards boards = new Leaderboards(db, data);
    SampleResults samples = new SampleResults(db);
    return new Site(
        boards,
        samples,
        new SampleBrowser(samples, data),
        new Comparisons(boards, samples),
        new OverlayImages(samples, data));
  }
}
