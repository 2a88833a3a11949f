package dev.perbench.web;

import dev.perbench.errors.InputException;
import dev.perbench.web.accounts.Accounts;
import dev.perbench.web.accounts.LoginThrottle;
import dev.perbench.web.accounts.Role;
import dev.perbench.web.accounts.Scope;
import dev.perbench.web.accounts.User;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Optional;

/**
 * The account pages: logging in and out, the account page with its API tokens and password,
 * accepting an invitation, signing up (when the site allows it), and the admin's invitations. Every
 * POST checks its CSRF token first; logins are throttled per account and per address.
 */
final class AccountRoutes {
  private final Site site;
  private final Pages pages;
  private final LoginThrottle throttle = new LoginThrottle();

  private AccountRoutes(Site site, Pages pages) {
    this.site = site;
    this.pages = pages;
  }

  static void register(Javalin app, Site site, Pages pages) {
    AccountRoutes r = new AccountRoutes(site, pages);
    app.get("/login", r::loginPage);
    app.post("/login", r::login);
    app.post("/logout", r::logout);
    app.get("/account", r::account);
    app.post("/account/tokens", r::createToken);
    app.post("/account/tokens/{token}/revoke", r::revokeToken);
    app.post("/account/password", r::password);
    app.get("/invite/{code}", r::invitePage);
    app.post("/invite/{code}", r::acceptInvite);
    app.get("/signup", r::signupPage);
    app.post("/signup", r::signup);
    app.get("/admin", r::admin);
    app.post("/admin/invites", r::invite);
  }

  private Accounts accounts() {
    return site.auth().accounts();
  }

  private void loginPage(Context ctx) {
    pages.send(
        ctx,
        200,
        "login",
        Map.of("next", next(ctx), "error", "", "csrf", Authentication.csrfToken(ctx)));
  }

  private void login(Context ctx) {
    Authentication.checkCsrf(ctx);
    String email = Optional.ofNullable(ctx.formParam("email")).orElse("");
    String address = Authentication.clientAddress(ctx);
    if (!throttle.allowed(email, address)) {
      pages.send(
          ctx,
          429,
          "login",
          Map.of(
              "next",
              next(ctx),
              "csrf",
              Authentication.csrfToken(ctx),
              "error",
              "Too many failed logins. Try again in "
                  + LoginThrottle.WINDOW.toMinutes()
                  + " minutes."));
      return;
    }
    Optional<User> user = accounts().login(email, ctx.formParam("password"));
    if (user.isEmpty()) {
      throttle.failed(email, address);
      pages.send(
          ctx,
          401,
          "login",
          Map.of(
              "next",
              next(ctx),
              "csrf",
              Authentication.csrfToken(ctx),
              "error",
              "Wrong email or password."));
      return;
    }
    throttle.succeeded(email);
    site.auth().login(ctx, user.get());
    ctx.redirect(next(ctx));
  }

  /** Where to go after logging in: a path on this site only (never another site). */
  private static String next(Context ctx) {
    String next = ctx.queryParam("next");
    if (next == null && "POST".equals(ctx.method().name())) {
      next = ctx.formParam("next");
    }
    boolean local =
        next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\");
    return local ? next : "/account";
  }

  private void logout(Context ctx) {
    Authentication.checkCsrf(ctx);
    site.auth().logout(ctx);
    ctx.redirect("/");
  }

  /** The signed-in user, or a redirect to the login page (then null). */
  private static User signedIn(Context ctx) {
    Optional<User> u = Authentication.principal(ctx).map(p -> p.user());
    if (u.isEmpty()) {
      ctx.redirect(
          "/login?next="
              + java.net.URLEncoder.encode(ctx.path(), java.nio.charset.StandardCharsets.UTF_8));
      return null;
    }
    return u.get();
  }

  private void account(Context ctx) {
    User u = signedIn(ctx);
    if (u == null) {
      return;
    }
    pages.send(
        ctx,
        200,
        "account",
        Map.of(
            "tokens",
            accounts().tokens(u),
            "submissions",
            site.queue().byUser(u.id()),
            "message",
            ""));
  }

  private void createToken(Context ctx) {
    Authentication.checkCsrf(ctx);
    User u = Authentication.user(ctx);
    String scope = ctx.formParam("scope");
    String token =
        accounts()
            .createToken(
                u,
                ctx.formParam("label"),
                scope == null || scope.isEmpty() ? null : Scope.of(scope),
                u.email());
    pages.send(ctx, 201, "token", Map.of("token", token));
  }

  private void revokeToken(Context ctx) {
    Authentication.checkCsrf(ctx);
    User u = Authentication.user(ctx);
    long id;
    try {
      id = Long.parseLong(ctx.pathParam("token"));
    } catch (NumberFormatException e) {
      throw new io.javalin.http.NotFoundResponse("No such token");
    }
    if (!accounts().revokeToken(u, id)) {
      throw new io.javalin.http.NotFoundResponse("No such token");
    }
    ctx.redirect("/account");
  }

  private void password(Context ctx) {
    Authentication.checkCsrf(ctx);
    User u = Authentication.user(ctx);
    if (accounts().login(u.email(), ctx.formParam("current")).isEmpty()) {
      throw new InputException("current password: wrong");
    }
    accounts().setPassword(u.id(), ctx.formParam("password"), u.email());
    ctx.redirect("/account");
  }

  private void invitePage(Context ctx) {
    Accounts.Invitation inv =
        accounts()
            .invitation(ctx.pathParam("code"))
            .orElseThrow(
                () ->
                    new io.javalin.http.NotFoundResponse(
                        "This invitation is unknown, used or expired; ask for a new one."));
    pages.send(
        ctx,
        200,
        "invite",
        Map.of(
            "invitation",
            inv,
            "code",
            ctx.pathParam("code"),
            "csrf",
            Authentication.csrfToken(ctx)));
  }

  private void acceptInvite(Context ctx) {
    Authentication.checkCsrf(ctx);
    User u = accounts().accept(ctx.pathParam("code"), ctx.formParam("password"));
    site.auth().login(ctx, u);
    ctx.redirect("/account");
  }

  private void signupPage(Context ctx) {
    if (!site.hosting().signup()) {
      throw new io.javalin.http.NotFoundResponse(
          "This leaderboard takes new participants by invitation; ask its admins.");
    }
    pages.send(ctx, 200, "signup", Map.of("csrf", Authentication.csrfToken(ctx)));
  }

  private void signup(Context ctx) {
    if (!site.hosting().signup()) {
      throw new io.javalin.http.NotFoundResponse(
          "This leaderboard takes new participants by invitation; ask its admins.");
    }
    Authentication.checkCsrf(ctx);
    String address = Authentication.clientAddress(ctx);
    if (!throttle.allowed("", address)) {
      throw new io.javalin.http.TooManyRequestsResponse(
          "Too many attempts from your address; try again later.");
    }
    throttle.failed("", address); // counts sign-ups per address, like failed logins
    User u =
        accounts()
            .create(ctx.formParam("email"), Role.PARTICIPANT, ctx.formParam("password"), "signup");
    site.auth().login(ctx, u);
    ctx.redirect("/account");
  }

  private void admin(Context ctx) {
    if (signedIn(ctx) == null) {
      return;
    }
    Authentication.admin(ctx);
    pages.send(
        ctx,
        200,
        "admin",
        Map.of(
            "events",
            accounts().audit().recent(100),
            "benchmarks",
            site.boards().benchmarks().stream().map(BenchmarkSummary::id).toList(),
            "hidden",
            site.boards().hidden(),
            "rescores",
            site.rescores().recent(20)));
  }

  private void invite(Context ctx) {
    Authentication.checkCsrf(ctx);
    User admin = Authentication.admin(ctx);
    Role role = Role.of(Optional.ofNullable(ctx.formParam("role")).orElse("participant"));
    String code = accounts().invite(ctx.formParam("email"), role, admin);
    pages.send(
        ctx,
        201,
        "invited",
        Map.of("email", Accounts.email(ctx.formParam("email")), "path", "/invite/" + code));
  }
}
