package dev.perbench.web.accounts;

import dev.perbench.errors.InputException;
import dev.perbench.web.store.Sql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Users, their browser sessions, API tokens and invitations, as the website and the operators'
 * commands both use them. Secrets are returned once, when made, and stored only as hashes
 * (passwords with Argon2id, random secrets with SHA-256; see {@link Secrets}).
 */
public final class Accounts {
  /** How long a browser session lasts. */
  public static final Duration SESSION = Duration.ofDays(7);

  /** How long an invitation can be used. */
  public static final Duration INVITATION = Duration.ofDays(7);

  private static final Pattern EMAIL =
      Pattern.compile("[^@\\s<>\"'`]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,63}");

  private final DataSource db;
  private final Clock clock;
  private final AuditLog audit;

  public Accounts(DataSource db, Clock clock) {
    this.db = db;
    this.clock = clock;
    this.audit = new AuditLog(db, clock);
  }

  public AuditLog audit() {
    return audit;
  }

  /** An email address as stored: trimmed, lower case, checked. */
  public static String email(String email) {
    String e = email == null ? "" : email.trim().toLowerCase(Locale.ROOT);
    if (e.length() > 320 || !EMAIL.matcher(e).matches()) {
      throw new InputException("email: '" + email + "' is not an email address");
    }
    return e;
  }

  /**
   * A new user.
   *
   * @param password the password, or null for an account that cannot log in until one is set
   * @throws InputException for a bad email or password, or an email already taken
   */
  public User create(String email, Role role, String password, String actor) {
    String e = email(email);
    String hash = password == null ? null : Passwords.hash(password);
    try (Connection c = db.getConnection()) {
      if (find(c, e).isPresent()) {
        throw new InputException("email: " + e + " already has an account");
      }
      try (PreparedStatement q =
          c.prepareStatement(
              "INSERT INTO users (email, role, password_hash, created_at) VALUES (?, ?, ?, ?)",
              Statement.RETURN_GENERATED_KEYS)) {
        q.setString(1, e);
        q.setString(2, role.id());
        q.setString(3, hash);
        q.setTimestamp(4, now());
        q.executeUpdate();
      }
      audit.record(c, actor, "user.create", e, "role " + role.id());
      return find(c, e).orElseThrow();
    } catch (SQLException ex) {
      throw failure("create the user " + e, ex);
    }
  }

  /** The user with this email, if any. */
  public Optional<User> find(String email) {
    try (Connection c = db.getConnection()) {
      return find(c, email(email));
    } catch (SQLException e) {
      throw failure("read the users", e);
    }
  }

  /** Sets a user's password. */
  public void setPassword(long userId, String password, String actor) {
    String hash = Passwords.hash(password);
    update("UPDATE users SET password_hash = ? WHERE id = ?", hash, userId);
    audit.record(actor, "user.password", "user " + userId, null);
  }

  /** The user whose email and password these are, if they match and the account is enabled. */
  public Optional<User> login(String email, String password) {
    String e;
    try {
      e = email(email);
    } catch (InputException bad) {
      Passwords.matches(password, null); // the same time as for an unknown address
      return Optional.empty();
    }
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT id, email, role, disabled, password_hash FROM users WHERE email = ?")) {
      q.setString(1, e);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          Passwords.matches(password, null);
          return Optional.empty();
        }
        User u = user(rs);
        boolean ok = Passwords.matches(password, rs.getString(5));
        return ok && !u.disabled() ? Optional.of(u) : Optional.empty();
      }
    } catch (SQLException ex) {
      throw failure("read the users", ex);
    }
  }

  /** A new browser session: its cookie value (shown once) and CSRF token. */
  public record NewSession(String cookie, String csrfToken) {}

  public NewSession startSession(User user) {
    String cookie = Secrets.random("");
    String csrf = Secrets.random("");
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "INSERT INTO sessions (id_sha256, user_id, csrf_token, created_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      q.setString(1, Secrets.sha256(cookie));
      q.setLong(2, user.id());
      q.setString(3, csrf);
      q.setTimestamp(4, now());
      q.setTimestamp(5, Timestamp.from(clock.instant().plus(SESSION)));
      q.executeUpdate();
    } catch (SQLException e) {
      throw failure("start a session", e);
    }
    return new NewSession(cookie, csrf);
  }

  /** The principal of a session cookie, if it names a live session of an enabled user. */
  public Optional<Principal> session(String cookie) {
    if (cookie == null || cookie.isEmpty() || cookie.length() > 100) {
      return Optional.empty();
    }
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT u.id, u.email, u.role, u.disabled, s.csrf_token FROM sessions s JOIN users"
                    + " u ON u.id = s.user_id WHERE s.id_sha256 = ? AND s.expires_at > ?")) {
      q.setString(1, Secrets.sha256(cookie));
      q.setTimestamp(2, now());
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        User u = user(rs);
        return u.disabled()
            ? Optional.empty()
            : Optional.of(new Principal(u, null, rs.getString(5)));
      }
    } catch (SQLException e) {
      throw failure("read the sessions", e);
    }
  }

  /** Ends a session (logging out). */
  public void endSession(String cookie) {
    if (cookie != null) {
      update("DELETE FROM sessions WHERE id_sha256 = ?", Secrets.sha256(cookie));
    }
  }

  /** An API token as its owner sees it (never the token itself). */
  public record TokenInfo(
      long id, String label, String scope, Instant created, Instant lastUsed, Instant revoked) {}

  /**
   * A new API token for {@code user}, returned once; stored as its SHA-256.
   *
   * @param scope what it may do, or null for everything the user may
   */
  public String createToken(User user, String label, Scope scope, String actor) {
    String l = label == null || label.isBlank() ? "token" : label.strip();
    if (l.length() > 100) {
      throw new InputException("label: at most 100 characters");
    }
    String token = Secrets.random("pbt_");
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "INSERT INTO api_tokens (user_id, token_sha256, label, scope, created_at)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
      q.setLong(1, user.id());
      q.setString(2, Secrets.sha256(token));
      q.setString(3, l);
      q.setString(4, scope == null ? null : scope.id());
      q.setTimestamp(5, now());
      q.executeUpdate();
      audit.record(
          c, actor, "token.create", user.email(), l + (scope == null ? "" : ", " + scope.id()));
    } catch (SQLException e) {
      throw failure("create a token", e);
    }
    return token;
  }

  /** The principal of a bearer token, if it is a live token of an enabled user. */
  public Optional<Principal> token(String token) {
    if (token == null || !token.startsWith("pbt_") || token.length() > 100) {
      return Optional.empty();
    }
    String hash = Secrets.sha256(token);
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT u.id, u.email, u.role, u.disabled, t.scope FROM api_tokens t"
                    + " JOIN users u ON u.id = t.user_id"
                    + " WHERE t.token_sha256 = ? AND t.revoked_at IS NULL")) {
      q.setString(1, hash);
      try (ResultSet rs = q.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        User u = user(rs);
        Scope scope = Scope.of(rs.getString(5));
        try (PreparedStatement used =
            c.prepareStatement("UPDATE api_tokens SET last_used_at = ? WHERE token_sha256 = ?")) {
          used.setTimestamp(1, now());
          used.setString(2, hash);
          used.executeUpdate();
        }
        return u.disabled() ? Optional.empty() : Optional.of(new Principal(u, scope, null));
      }
    } catch (SQLException e) {
      throw failure("read the tokens", e);
    }
  }

  /** The user's tokens, newest first. */
  public List<TokenInfo> tokens(User user) {
    List<TokenInfo> out = new ArrayList<>();
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT id, label, scope, created_at, last_used_at, revoked_at FROM api_tokens"
                    + " WHERE user_id = ? ORDER BY id DESC")) {
      q.setLong(1, user.id());
      try (ResultSet rs = q.executeQuery()) {
        while (rs.next()) {
          out.add(
              new TokenInfo(
                  rs.getLong(1),
                  rs.getString(2),
                  rs.getString(3),
                  instant(rs.getTimestamp(4)),
                  instant(rs.getTimestamp(5)),
                  instant(rs.getTimestamp(6))));
        }
      }
    } catch (SQLException e) {
      throw failure("read the tokens", e);
    }
    return out;
  }

  /** Revokes one of the user's tokens; false when the user has no such live token. */
  public boolean revokeToken(User user, long tokenId) {
    int n =
        update(
            "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS"
                + " NULL",
            now(),
            tokenId,
            user.id());
    if (n > 0) {
      audit.record(user.email(), "token.revoke", user.email(), "token " + tokenId);
    }
    return n > 0;
  }

  /** Invites {@code email} to make an account with {@code role}; returns the code, once. */
  public String invite(String email, Role role, User by) {
    String e = email(email);
    String code = Secrets.random("inv_");
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "INSERT INTO invites (code_sha256, email, role, created_by, created_at, expires_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
      q.setString(1, Secrets.sha256(code));
      q.setString(2, e);
      q.setString(3, role.id());
      q.setObject(4, by == null ? null : by.id());
      q.setTimestamp(5, now());
      q.setTimestamp(6, Timestamp.from(clock.instant().plus(INVITATION)));
      q.executeUpdate();
      audit.record(c, by == null ? "system" : by.email(), "invite.create", e, role.id());
    } catch (SQLException ex) {
      throw failure("create an invitation", ex);
    }
    return code;
  }

  /** The email and role an unused, unexpired invitation is for. */
  public record Invitation(String email, Role role) {}

  public Optional<Invitation> invitation(String code) {
    if (code == null || code.length() > 100) {
      return Optional.empty();
    }
    try (Connection c = db.getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "SELECT email, role FROM invites WHERE code_sha256 = ? AND used_at IS NULL"
                    + " AND expires_at > ?")) {
      q.setString(1, Secrets.sha256(code));
      q.setTimestamp(2, now());
      try (ResultSet rs = q.executeQuery()) {
        return rs.next()
            ? Optional.of(new Invitation(rs.getString(1), Role.of(rs.getString(2))))
            : Optional.empty();
      }
    } catch (SQLException e) {
      throw failure("read the invitations", e);
    }
  }

  /**
   * Uses an invitation: makes the account with the password (or sets the password of an account
   * made without one), once.
   *
   * @throws InputException when the invitation is unknown, used or expired, or the password bad
   */
  public User accept(String code, String password) {
    Invitation inv =
        invitation(code)
            .orElseThrow(() -> new InputException("invitation: unknown, already used or expired"));
    String hash = Passwords.hash(password);
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement used =
            c.prepareStatement(
                "UPDATE invites SET used_at = ? WHERE code_sha256 = ? AND used_at IS NULL")) {
          used.setTimestamp(1, now());
          used.setString(2, Secrets.sha256(code));
          if (used.executeUpdate() != 1) {
            throw new InputException("invitation: unknown, already used or expired");
          }
        }
        Optional<User> existing = find(c, inv.email());
        if (existing.isPresent()) {
          try (PreparedStatement q =
              c.prepareStatement("UPDATE users SET password_hash = ? WHERE id = ?")) {
            q.setString(1, hash);
            q.setLong(2, existing.get().id());
            q.executeUpdate();
          }
        } else {
          try (PreparedStatement q =
              c.prepareStatement(
                  "INSERT INTO users (email, role, password_hash, created_at) VALUES (?, ?, ?,"
                      + " ?)")) {
            q.setString(1, inv.email());
            q.setString(2, inv.role().id());
            q.setString(3, hash);
            q.setTimestamp(4, now());
            q.executeUpdate();
          }
        }
        audit.record(c, inv.email(), "invite.accept", inv.email(), inv.role().id());
        c.commit();
        return find(c, inv.email()).orElseThrow();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw failure("accept an invitation", e);
    }
  }

  private Optional<User> find(Connection c, String email) throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement("SELECT id, email, role, disabled FROM users WHERE email = ?")) {
      q.setString(1, email);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(user(rs)) : Optional.empty();
      }
    }
  }

  private static User user(ResultSet rs) throws SQLException {
    return new User(rs.getLong(1), rs.getString(2), Role.of(rs.getString(3)), rs.getBoolean(4));
  }

  private int update(String sql, Object... args) {
    return Sql.update(db, "update the accounts", sql, args);
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }

  private static Instant instant(Timestamp t) {
    return Sql.instant(t);
  }

  private static IllegalStateException failure(String what, SQLException e) {
    return Sql.failure(what, e);
  }
}
