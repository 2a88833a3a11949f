package dev.perbench.harness.judge;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Set;

/**
 * One judge judging a run's descriptions: each sample's chats (from the cache when it has them,
 * else from the endpoint, {@code concurrency} at a time), each reply read by the protocol, an
 * unreadable reply asked once more with a format reminder, and the sample's {@link Judgement}.
 * Nothing that failed or could not be read becomes a number: it is counted.
 */
public final class CaptionJudge {
  /** What judging cost and where replies came from. */
  public record Usage(
      long calls,
      long requests,
      long cached,
      long promptTokens,
      long completionTokens,
      Set<String> reportedModels) {}

  /** Every sample's judgement, in the items' order, and the usage. */
  public record Result(List<Judgement> judgements, Usage usage) {}

  private final ChatJudge<CaptionItem> judge;
  private final CallBudget budget;

  public CaptionJudge(OpenAiChat chat, JudgementCache cache, JudgeSettings settings, Clock clock) {
    this(chat, cache, settings, clock, new CallBudget(settings.maxCalls()));
  }

  /** A judge whose call budget is shared with its other questions ({@code --judge-mcq}). */
  CaptionJudge(
      OpenAiChat chat,
      JudgementCache cache,
      JudgeSettings settings,
      Clock clock,
      CallBudget budget) {
    this.judge =
        new ChatJudge<>(chat, cache, settings, Asking.of(settings.protocol()), budget, clock);
    this.budget = budget;
  }

  /** How many calls judging {@code items} needs after the cache (re-asks not counted). */
  public long callsNeeded(List<CaptionItem> items) {
    return judge.callsNeeded(items);
  }

  /**
   * Refuses, before any call, when judging {@code items} needs more calls than the budget allows; a
   * command with several judges asks each before the first one calls.
   *
   * @return the calls needed after the cache
   * @throws JudgeRefusedException saying how many calls are needed
   */
  public long requireBudget(List<CaptionItem> items) throws JudgeRefusedException {
    JudgeSettings settings = judge.settings();
    long needed = callsNeeded(items);
    long chats =
        (long) items.size()
            * (items.isEmpty() ? 0 : settings.protocol().chats(items.get(0)).size());
    if (settings.maxCalls() > 0 && needed > settings.maxCalls()) {
      throw new JudgeRefusedException(
          String.format(
              java.util.Locale.ROOT,
              "judge %s: judging %,d samples needs %,d calls (%,d of %,d chats are cached), more"
                  + " than --judge-max-calls %,d allows; raise it to at least %,d",
              settings.spec(),
              items.size(),
              needed,
              chats - needed,
              chats,
              settings.maxCalls(),
              needed));
    }
    return needed;
  }

  /**
   * Judges every item.
   *
   * @param progress where progress lines go (rate, ETA), or null
   * @throws JudgeRefusedException when the calls needed exceed the budget (nothing is called), or
   *     the endpoint refused a call in a way that every call would be (401, 403, 404)
   */
  public Result judge(List<CaptionItem> items, PrintWriter progress)
      throws JudgeRefusedException, InterruptedException {
    budget.reserve(requireBudget(items));
    return judge.run(items, progress);
  }

  /** Judges every item, the budget already checked and reserved by the caller. */
  Result run(List<CaptionItem> items, PrintWriter progress)
      throws JudgeRefusedException, InterruptedException {
    return judge.run(items, progress);
  }
}
