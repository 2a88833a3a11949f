package dev.perbench.web;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.perbench.harness.submissions.SubmissionCard;
import java.util.List;

/** An entry's page: its model card, its results, and where it stands on the site. */
public record EntryView(String id, SubmissionCard card, List<EntryResult> results, State state) {

  /**
   * Where an entry stands.
   *
   * @param owner the owning user's id (hosted entries), or null (imported from submissions/); not
   *     published in the API
   * @param visibility {@code public} or {@code private} (only its owner and admins see it)
   * @param status {@code published}, or {@code hidden} by an admin
   * @param verified whether an admin re-ran it and vouches for it
   * @param flagReason why an admin flagged it, or null
   */
  public record State(
      @JsonIgnore String owner,
      String visibility,
      String status,
      boolean verified,
      String flagReason) {
    /** Whether it is a hosted submission (changed on the site), not an imported entry. */
    @JsonProperty("hosted")
    public boolean hosted() {
      return owner != null;
    }

    /** Whether {@code userId} owns it. */
    public boolean ownedBy(Long userId) {
      return owner != null && userId != null && owner.equals(Long.toString(userId));
    }
  }
}
