package dev.llmadvisor.importer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A vLLM server start found in a command: which form it takes, its engine arguments, and the
 * environment assignments in front of it.
 *
 * @param form how vLLM was started ({@code vllm serve}, {@code python -m
 *     vllm.entrypoints.openai.api_server}, or bare engine arguments)
 * @param args the engine arguments after the program (model and flags)
 * @param env variables assigned in front of the command ({@code env A=1}, {@code A=1})
 * @param skipped other commands of a script that do not start vLLM
 */
record VllmInvocation(
    String form, List<String> args, Map<String, String> env, List<String> skipped) {
  static final String API_SERVER = "vllm.entrypoints.openai.api_server";
  private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
  private static final Pattern PYTHON = Pattern.compile("python(\\d+(\\.\\d+)?)?");
  private static final Pattern SHELL = Pattern.compile("(ba|da|a|z)?sh");

  /**
   * Recognises {@code [env] [VAR=…] [exec|nohup] (vllm serve | python -m
   * vllm.entrypoints.openai.api_server | python -m vllm.entrypoints.cli.main serve) ARGS}, or words
   * that are engine arguments already (they start with a flag). Null when the words run something
   * else.
   */
  static VllmInvocation recognise(List<String> words) {
    Map<String, String> env = new LinkedHashMap<>();
    int i = 0;
    int n = words.size();
    while (i < n) {
      String w = words.get(i);
      if (ASSIGNMENT.matcher(w).matches()) {
        env.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
        i++;
      } else if (w.equals("env")) {
        i++;
        while (i < n && words.get(i).startsWith("-")) {
          i += words.get(i).equals("-u") ? 2 : 1; // env -u NAME, env -i
        }
      } else if (w.equals("exec") || w.equals("nohup") || w.equals("time")) {
        i++;
      } else if ((w.equals("uv") || w.equals("poetry") || w.equals("pipenv"))
          && i + 1 < n
          && words.get(i + 1).equals("run")) {
        i += 2;
      } else {
        break;
      }
    }
    if (i >= n) {
      return null;
    }
    String program = basename(words.get(i));
    if (program.equals("vllm")) {
      if (i + 1 < n && words.get(i + 1).equals("serve")) {
        return new VllmInvocation("vllm serve", words.subList(i + 2, n), env, List.of());
      }
      return null;
    }
    if (PYTHON.matcher(program).matches()) {
      int j = i + 1;
      while (j < n && words.get(j).startsWith("-") && !words.get(j).equals("-m")) {
        j += words.get(j).equals("-X") || words.get(j).equals("-W") ? 2 : 1;
      }
      if (j + 1 < n && words.get(j).equals("-m")) {
        String module = words.get(j + 1);
        String form = program + " -m " + module;
        if (module.equals(API_SERVER) || module.equals("vllm.entrypoints.api_server")) {
          return new VllmInvocation(form, words.subList(j + 2, n), env, List.of());
        }
        if (module.equals("vllm.entrypoints.cli.main")
            && j + 2 < n
            && words.get(j + 2).equals("serve")) {
          return new VllmInvocation(form + " serve", words.subList(j + 3, n), env, List.of());
        }
      }
      return null;
    }
    if (words.get(i).startsWith("--")) {
      return new VllmInvocation("engine arguments", words.subList(i, n), env, List.of());
    }
    return null;
  }

  /** True for {@code sh -c}, {@code bash -c} and the like: the script is the next word. */
  static boolean isShell(String program) {
    return SHELL.matcher(basename(program)).matches();
  }

  /**
   * The one vLLM command in shell text. Variables a script sets ({@code export A=1}, {@code A=1})
   * are expanded in the words after them, starting from {@code env}.
   *
   * @param required whether finding no vLLM server is an error (else null is returned)
   * @throws ImportException naming {@code where} when the text does not parse or runs several vLLM
   *     servers, or runs none and one is required
   */
  static VllmInvocation findIn(
      String text, Map<String, String> env, String source, String where, boolean required) {
    List<List<String>> commands;
    try {
      commands = ShellWords.commands(text);
    } catch (IllegalArgumentException e) {
      throw ImportException.of(source, where, e.getMessage(), null);
    }
    Map<String, String> vars = new LinkedHashMap<>(env);
    List<VllmInvocation> found = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (List<String> command : commands) {
      List<String> words = command.stream().map(w -> ShellWords.expand(w, vars)).toList();
      if (setsVariables(words, vars)) {
        continue;
      }
      VllmInvocation inv = recognise(words);
      if (inv != null) {
        found.add(inv);
      } else {
        skipped.add(
            String.join(" ", words.subList(0, Math.min(3, words.size())))
                + (words.size() > 3 ? " …" : ""));
      }
    }
    if (found.isEmpty() && !required) {
      return null;
    }
    if (found.isEmpty()) {
      throw ImportException.of(
          source,
          where,
          "no vLLM server command: expected `vllm serve MODEL …` or `python -m "
              + API_SERVER
              + " --model MODEL …`",
          skipped.isEmpty() ? null : skipped.get(0));
    }
    if (found.size() > 1) {
      throw ImportException.of(
          source,
          where,
          found.size() + " vLLM server commands: import one at a time",
          found.stream().map(VllmInvocation::form).toList());
    }
    VllmInvocation inv = found.get(0);
    return new VllmInvocation(inv.form(), inv.args(), inv.env(), List.copyOf(skipped));
  }

  /** {@code export A=1 B=2} or {@code A=1} alone: records the variables, true if that is all. */
  private static boolean setsVariables(List<String> words, Map<String, String> vars) {
    List<String> rest = words;
    if (!words.isEmpty() && words.get(0).equals("export")) {
      rest = words.subList(1, words.size());
    } else if (words.isEmpty() || !words.stream().allMatch(w -> ASSIGNMENT.matcher(w).matches())) {
      return false;
    }
    for (String w : rest) {
      if (ASSIGNMENT.matcher(w).matches()) {
        vars.put(w.substring(0, w.indexOf('=')), w.substring(w.indexOf('=') + 1));
      }
    }
    return true;
  }

  static String basename(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
