package dev.perbench.harness.model;

import dev.perbench.data.LoadedSplit;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/** The installed {@link ModelProvider}s, and opening a model from its {@code --model} spec. */
public final class ModelProviders {
  private static final List<ModelProvider> INSTALLED =
      ServiceLoader.load(ModelProvider.class, ModelProviders.class.getClassLoader()).stream()
          .map(ServiceLoader.Provider::get)
          .sorted(Comparator.comparingInt(ModelProvider::order))
          .toList();

  private ModelProviders() {}

  /** The providers on the class path, in their {@link ModelProvider#order()}. */
  public static List<ModelProvider> installed() {
    return INSTALLED;
  }

  /** The spec forms this build opens, for help texts: "file:PATH, http://HOST:PORT or ...". */
  public static String forms() {
    List<String> forms = INSTALLED.stream().map(ModelProvider::form).toList();
    if (forms.size() <= 1) {
      return String.join("", forms);
    }
    return forms.subList(0, forms.size() - 1).stream().collect(Collectors.joining(", "))
        + " or "
        + forms.get(forms.size() - 1);
  }

  /**
   * Opens the model a spec names.
   *
   * @throws ModelSpecException for a spec of no installed form, naming the forms there are
   */
  public static Model open(String spec, ModelOptions options, LoadedSplit benchmark)
      throws ModelException {
    for (ModelProvider p : INSTALLED) {
      if (p.accepts(spec)) {
        return p.open(spec, options, benchmark);
      }
    }
    throw new ModelSpecException("unknown model spec '" + spec + "'; expected " + forms());
  }
}
