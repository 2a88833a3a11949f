package dev.perbench.harness.judge;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * One judge asking about items of one kind ({@link CaptionJudge}'s descriptions, {@link
 * McqExtract}'s answers): each item's chats (from the cache when it has them, else from the
 * endpoint, {@code concurrency} at a time), each reply read by the {@link Asking}, an unreadable
 * reply asked once more with a format reminder, and the item's {@link Judgement}. Nothing that
 * failed or could not be read becomes a number: it is counted.
 *
 * @param <I> the item judged
 */
final class ChatJudge<I> {
  private final OpenAiChat chat;
  private final JudgementCache cache;
  private final JudgeSettings settings;
  private final Clock clock;
  private final AtomicLong calls = new AtomicLong();
  private final Asking<I> asking;
  private final CallBudget budget;

  private final LongAdder cached = new LongAdder();
  private final LongAdder promptTokens = new LongAdder();
  private final LongAdder completionTokens = new LongAdder();
  private final Set<String> reportedModels = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final AtomicReference<JudgeCallException> refused = new AtomicReference<>();
  private final Map<List<ChatMessage>, String> keys = new ConcurrentHashMap<>();

  ChatJudge(
      OpenAiChat chat,
      JudgementCache cache,
      JudgeSettings settings,
      Asking<I> asking,
      CallBudget budget,
      Clock clock) {
    this.chat = chat;
    this.cache = cache;
    this.settings = settings;
    this.asking = asking;
    this.budget = budget;
    this.clock = clock;
  }

  Asking<I> asking() {
    return asking;
  }

  JudgeSettings settings() {
    return settings;
  }

  /** How many calls judging {@code items} needs after the cache (re-asks not counted). */
  long callsNeeded(List<I> items) {
    long n = 0;
    for (I item : items) {
      for (List<ChatMessage> messages : asking.chats(item)) {
        if (cache.get(key(messages)).isEmpty()) {
          n++;
        }
      }
    }
    return n;
  }

  /**
   * Judges every item; the budget's first calls were reserved by the caller.
   *
   * @param progress where progress lines go (rate, ETA), or null
   * @throws JudgeRefusedException when the endpoint refused a call in a way that every call would
   *     be (401, 403, 404)
   */
  CaptionJudge.Result run(List<I> items, PrintWriter progress)
      throws JudgeRefusedException, InterruptedException {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            settings.concurrency(),
            r -> {
              Thread t = new Thread(r, "perbench-judge");
              t.setDaemon(true);
              return t;
            });
    List<Judgement> out = new ArrayList<>();
    try (dev.perbench.harness.run.Progress p =
        progress == null
            ? null
            : new dev.perbench.harness.run.Progress(progress, items.size(), 2000, "judgements")) {
      List<Future<Judgement>> futures = new ArrayList<>();
      for (I item : items) {
        futures.add(
            pool.submit(
                () -> {
                  Judgement j = judgeOne(item);
                  if (p != null) {
                    p.count(!j.status().equals(Judgement.OK));
                  }
                  return j;
                }));
      }
      for (Future<Judgement> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("judging failed: " + e.getCause(), e.getCause());
        }
      }
      if (p != null) {
        p.print();
      }
    } finally {
      pool.shutdownNow();
    }
    JudgeCallException r = refused.get();
    if (r != null) {
      throw new JudgeRefusedException(
          "judge "
              + settings.spec()
              + " at "
              + chat.host()
              + " refused the call: "
              + r.getMessage()
              + "; check the judge's URL (--judge-url), model name and key (PERBENCH_JUDGE_KEY or"
              + " OPENAI_API_KEY)");
    }
    return new CaptionJudge.Result(
        out,
        new CaptionJudge.Usage(
            calls.get(),
            chat.requests(),
            cached.sum(),
            promptTokens.sum(),
            completionTokens.sum(),
            new TreeSet<>(reportedModels)));
  }

  private Judgement judgeOne(I item) throws InterruptedException {
    List<Judgement.Chat> done = new ArrayList<>();
    List<double[]> ratings = new ArrayList<>();
    String status = Judgement.OK;
    int index = 0;
    String sampleId = asking.sampleId(item);
    for (List<ChatMessage> messages : asking.chats(item)) {
      String callId = sampleId + "#" + index++;
      Judgement.Chat c = ask(item, messages, callId);
      if (c.ratings() == null) {
        c = reask(item, messages, c, callId);
      }
      done.add(c);
      if (c.reply() == null) {
        status = Judgement.FAILED;
      } else if (c.ratings() == null && !status.equals(Judgement.FAILED)) {
        status = Judgement.UNPARSED;
      } else {
        ratings.add(c.ratings());
      }
    }
    return new Judgement(
        sampleId,
        settings.spec().toString(),
        asking.name(),
        asking.template().sha256(),
        status,
        status.equals(Judgement.OK) ? asking.verdict(item, ratings) : null,
        done);
  }

  /** The first reply to a chat, read; a failed call has no reply. */
  private Judgement.Chat ask(I item, List<ChatMessage> messages, String callId)
      throws InterruptedException {
    String prompt = promptSha(messages);
    Reply r = reply(messages, callId, false);
    if (r.error != null) {
      return new Judgement.Chat(prompt, null, null, false, false, null, r.error);
    }
    try {
      return new Judgement.Chat(
          prompt, r.content, r.model, r.cached, false, asking.parse(item, r.content), null);
    } catch (UnparsedReplyException e) {
      return new Judgement.Chat(prompt, r.content, r.model, r.cached, false, null, e.getMessage());
    }
  }

  /** Asks once more, with the unreadable reply and a reminder of the format. */
  private Judgement.Chat reask(
      I item, List<ChatMessage> messages, Judgement.Chat first, String callId)
      throws InterruptedException {
    if (first.reply() == null) {
      return first; // the call failed: retried already, not asked again
    }
    List<ChatMessage> again = new ArrayList<>(messages);
    again.add(new ChatMessage("assistant", first.reply()));
    again.add(ChatMessage.user(asking.reminder(item)));
    Reply r = reply(again, callId + "#again", true);
    if (r.error != null) {
      // the first reply stays the record; the sample is unparsed, not failed: a reply came
      return new Judgement.Chat(
          first.promptSha256(),
          first.reply(),
          first.model(),
          first.cached(),
          true,
          null,
          first.error() + "; asking again: " + r.error);
    }
    try {
      return new Judgement.Chat(
          first.promptSha256(),
          r.content,
          r.model,
          first.cached() && r.cached,
          true,
          asking.parse(item, r.content),
          null);
    } catch (UnparsedReplyException e) {
      return new Judgement.Chat(
          first.promptSha256(),
          r.content,
          r.model,
          first.cached() && r.cached,
          true,
          null,
          first.error() + "; asked again: " + e.getMessage());
    }
  }

  /** A reply, from the cache or from the endpoint, or why there is none. */
  private static final class Reply {
    String content;
    String model;
    boolean cached;
    String error;
  }

  private Reply reply(List<ChatMessage> messages, String callId, boolean reask)
      throws InterruptedException {
    Reply r = new Reply();
    // the key computed when the calls needed were counted, dropped from the memo once used
    String cachedKey = keys.remove(messages);
    String key = cachedKey != null ? cachedKey : computeKey(messages);
    Optional<JudgementCache.Entry> hit = cache.get(key);
    if (hit.isPresent()) {
      cached.increment();
      r.content = hit.get().content();
      r.model = hit.get().model();
      r.cached = true;
      if (r.model != null) {
        reportedModels.add(r.model);
      }
      return r;
    }
    if (refused.get() != null) {
      r.error = "not asked: the endpoint refused an earlier call";
      return r;
    }
    // the first asking of every chat was counted against the budget before judging began; a
    // re-ask may only use what is left beyond those, so it never takes a first call's place
    if (reask && !budget.takeReask()) {
      r.error =
          "not asked again: the call budget (--judge-max-calls "
              + settings.maxCalls()
              + ") is used up";
      return r;
    }
    calls.incrementAndGet();
    try {
      ChatReply reply =
          chat.complete(
              new ChatRequest(
                  settings.spec().model(),
                  messages,
                  settings.temperature(),
                  settings.seed(),
                  settings.maxTokens()),
              callId);
      promptTokens.add(reply.promptTokens());
      completionTokens.add(reply.completionTokens());
      if (reply.model() != null) {
        reportedModels.add(reply.model());
      }
      cache.put(
          key,
          new JudgementCache.Entry(
              reply.content(),
              reply.model(),
              reply.promptTokens(),
              reply.completionTokens(),
              clock.instant()));
      r.content = reply.content();
      r.model = reply.model();
      return r;
    } catch (JudgeCallException e) {
      if (e.misconfigured()) {
        refused.compareAndSet(null, e);
      }
      r.error = "the call failed: " + e.getMessage();
      return r;
    }
  }

  /**
   * The cache key of a chat, computed once: {@link #callsNeeded} and the judging both need it, and
   * it is a SHA-256 over a JSON rendering of the whole chat (the judging takes it out of the memo).
   */
  private String key(List<ChatMessage> messages) {
    return keys.computeIfAbsent(messages, this::computeKey);
  }

  private String computeKey(List<ChatMessage> messages) {
    return JudgementCache.key(
        chat.host(),
        settings.spec().model(),
        asking.template().sha256(),
        messages,
        settings.temperature(),
        settings.seed(),
        settings.maxTokens());
  }

  private static String promptSha(List<ChatMessage> messages) {
    StringBuilder b = new StringBuilder();
    for (ChatMessage m : messages) {
      b.append(m.role()).append('\0').append(m.content()).append('\0');
    }
    return JudgeTemplate.sha256(b.toString().getBytes(StandardCharsets.UTF_8));
  }
}
