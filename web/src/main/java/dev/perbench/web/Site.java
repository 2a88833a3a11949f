package dev.perbench.web;

import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.submit.Rescores;
import dev.perbench.web.submit.SubmissionQueue;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * The services the website's pages and API go through, over one database and the benchmark data
 * installed where the server runs: the leaderboards and what they show, accounts, the submission
 * queue.
 */
public record Site(
    Leaderboards boards,
    SampleResults samples,
    SampleBrowser browser,
    Comparisons comparisons,
    OverlayImages overlays,
    BenchmarkData data,
    Authentication auth,
    SubmissionQueue queue,
    Moderation moderation,
    Rescores rescores,
    Hosting hosting) {

  /** The services over {@code db}, drawing samples from {@code data}; no submissions. */
  public static Site of(DataSource db, BenchmarkData data) {
    return of(db, data, Hosting.readOnly(), Clock.systemUTC());
  }

  /** The services over {@code db}, drawing samples from {@code data}, taking submissions so. */
  public static Site of(DataSource db, BenchmarkData data, Hosting hosting, Clock clock) {
    Leaderboards boards = new Leaderboards(db, data);
    SampleResults samples = new SampleResults(db);
    Accounts accounts = new Accounts(db, clock);
    return new Site(
        boards,
        samples,
        new SampleBrowser(samples, data),
        new Comparisons(boards, samples),
        new OverlayImages(samples, data),
        data,
        new Authentication(accounts),
        new SubmissionQueue(db, clock, accounts.audit()),
        new Moderation(db, accounts.audit(), boards),
        new Rescores(db, clock, accounts.audit()),
        hosting);
  }
}
