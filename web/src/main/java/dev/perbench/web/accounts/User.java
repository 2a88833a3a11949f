package dev.perbench.web.accounts;

/** An account. */
public record User(long id, String email, Role role, boolean disabled) {
  public boolean admin() {
    return role == Role.ADMIN;
  }
}
