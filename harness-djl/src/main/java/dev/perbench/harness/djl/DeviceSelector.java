package dev.perbench.harness.djl;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --device cpu | gpu | gpu:N} to a DJL device. A GPU is granted only when the engine's
 * libtorch was built with CUDA and CUDA reports the device; a CPU fallback would silently run a
 * 3-hour evaluation ten times slower, so asking for a GPU that is not there is an error.
 */
final class DeviceSelector {
  private static final Pattern SPEC = Pattern.compile("cpu|gpu(?::([0-9]{1,4}))?");

  private DeviceSelector() {}

  static Device select(String spec, Engine engine) throws DjlModelException {
    String s = spec == null || spec.isBlank() ? "cpu" : spec.strip();
    Matcher m = SPEC.matcher(s);
    if (!m.matches()) {
      throw new DjlModelException("--device must be cpu, gpu or gpu:N; got '" + spec + "'");
    }
    if (s.equals("cpu")) {
      return Device.cpu();
    }
    int index = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    if (!engine.hasCapability(StandardCapabilities.CUDA)) {
      throw new DjlModelException(
          "--device "
              + s
              + ": DJL's PyTorch engine found no CUDA device;"
              + " this build bundles the CPU libtorch (pytorch-native-cpu); for GPU use"
              + " pytorch-native-cu* as described in README ("
              + TensorContract.DOC
              + ", \"Running on a GPU\")");
    }
    int count = engine.getGpuCount();
    if (count == 0) {
      throw new DjlModelException(
          "--device "
              + s
              + ": DJL's PyTorch engine has CUDA but found no"
              + " CUDA device (check nvidia-smi and CUDA_VISIBLE_DEVICES)");
    }
    if (index >= count) {
      throw new DjlModelException(
          "--device "
              + s
              + ": DJL's PyTorch engine found "
              + count
              + " CUDA device(s), gpu:0"
              + (count > 1 ? " to gpu:" + (count - 1) : ""));
    }
    return Device.gpu(index);
  }
}
