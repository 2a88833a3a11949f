package dev.perbench.web;

import io.javalin.http.Context;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders the Thymeleaf templates of {@code src/main/resources/templates} (which escape every
 * value). Every page gets {@code me}, the signed-in user or null, {@code csrf}, the token its forms
 * carry, and {@code signup}, whether visitors may make their own accounts (the navigation's sign-up
 * link).
 */
public final class Pages {
  private final TemplateEngine engine;
  private final boolean signup;

  /**
   * @param signup whether the site takes sign-ups
   */
  public Pages(boolean signup) {
    this.signup = signup;
    ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
    resolver.setPrefix("templates/");
    resolver.setSuffix(".html");
    resolver.setTemplateMode(TemplateMode.HTML);
    resolver.setCharacterEncoding("UTF-8");
    engine = new TemplateEngine();
    engine.setTemplateResolver(resolver);
  }

  /** The page as a string. */
  public String render(String template, Map<String, Object> model) {
    org.thymeleaf.context.Context values = new org.thymeleaf.context.Context(Locale.ROOT);
    values.setVariables(model);
    return engine.process(template, values);
  }

  /** Answers with the page, adding who is signed in and the forms' CSRF token. */
  public void send(Context ctx, int status, String template, Map<String, Object> model) {
    Map<String, Object> all = new HashMap<>(model);
    all.put("signup", signup);
    all.put("me", Authentication.principal(ctx).map(p -> p.user()).orElse(null));
    // a signed-in user's forms carry the session's token; a page with a form for visitors (log
    // in, sign up, invitation) passes one itself, so plain pages set no cookie
    all.putIfAbsent("csrf", Authentication.principal(ctx).map(p -> p.csrfToken()).orElse(""));
    ctx.status(status).html(render(template, all));
  }
}
