package dev.llmadvisor.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits shell text into commands and words the way a POSIX shell would for the parts a launch
 * script uses: single and double quotes, backslash escapes, {@code \}-newline continuations,
 * comments, command separators ({@code ; && || | &} and newlines) and redirections (dropped).
 * Variable references ({@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}) are kept as
 * markers and expanded later by {@link #expand} once the variables set before the command are
 * known. Command substitution is kept as literal text.
 */
final class ShellWords {
  private static final char REF_START = '\uE000';
  private static final char REF_END = '\uE001';
  private static final char REF_DEFAULT = '\uE002';
  private static final Pattern REF =
      Pattern.compile(
          REF_START
              + "([^"
              + REF_END
              + REF_DEFAULT
              + "]*)(?:"
              + REF_DEFAULT
              + "([^"
              + REF_END
              + "]*))?"
              + REF_END);

  private final String text;
  private final List<List<String>> commands = new ArrayList<>();
  private List<String> command = new ArrayList<>();
  private StringBuilder word;
  private boolean dropNextWord;
  private int i;

  private ShellWords(String text) {
    this.text = text;
  }

  /**
   * The commands of {@code text}, each a list of words (variable references still marked).
   *
   * @throws IllegalArgumentException for an unterminated quote, naming it
   */
  static List<List<String>> commands(String text) {
    ShellWords s = new ShellWords(text);
    s.run();
    return s.commands;
  }

  /** Replaces variable markers by their values, or by {@code $NAME} text when unknown. */
  static String expand(String word, Map<String, String> env) {
    Matcher m = REF.matcher(word);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      String value = env.get(name);
      if (value == null) {
        value = m.group(2) != null ? m.group(2) : "${" + name + "}";
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private void run() {
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      switch (c) {
        case '\\' -> backslash();
        case '\'' -> singleQuoted();
        case '"' -> doubleQuoted();
        case '$' -> dollar();
        case ' ', '\t', '\r' -> {
          endWord();
          i++;
        }
        case '\n', ';' -> {
          endWord();
          endCommand();
          i++;
        }
        case '&', '|' -> operator(c);
        case '>', '<' -> redirection();
        case '#' -> {
          if (word == null) {
            while (i < n && text.charAt(i) != '\n') {
              i++;
            }
          } else {
            append(c);
            i++;
          }
        }
        default -> {
          append(c);
          i++;
        }
      }
    }
    endWord();
    endCommand();
  }

  private void backslash() {
    int n = text.length();
    if (i + 1 < n && text.charAt(i + 1) == '\n') {
      i += 2; // line continuation
    } else if (i + 2 < n && text.charAt(i + 1) == '\r' && text.charAt(i + 2) == '\n') {
      i += 3;
    } else if (i + 1 < n) {
      append(text.charAt(i + 1));
      i += 2;
    } else {
      i++;
    }
  }

  private void singleQuoted() {
    int close = text.indexOf('\'', i + 1);
    if (close < 0) {
      throw new IllegalArgumentException("unterminated single quote at character " + (i + 1));
    }
    word().append(text, i + 1, close);
    i = close + 1;
  }

  private void doubleQuoted() {
    int start = i;
    word();
    i++;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '"') {
        i++;
        return;
      }
      if (c == '\\' && i + 1 < n && "$`\"\\\n".indexOf(text.charAt(i + 1)) >= 0) {
        if (text.charAt(i + 1) != '\n') {
          append(text.charAt(i + 1));
        }
        i += 2;
      } else if (c == '$') {
        dollar();
      } else {
        append(c);
        i++;
      }
    }
    throw new IllegalArgumentException("unterminated double quote at character " + (start + 1));
  }

  /** {@code $NAME}, {@code ${NAME}}, {@code ${NAME:-default}}; {@code $(…)} stays literal. */
  private void dollar() {
    int n = text.length();
    int j = i + 1;
    if (j < n && text.charAt(j) == '{') {
      int close = text.indexOf('}', j);
      if (close < 0) {
        append('$');
        i++;
        return;
      }
      String inner = text.substring(j + 1, close);
      int dflt = inner.indexOf(":-");
      String name = dflt < 0 ? inner : inner.substring(0, dflt);
      word().append(REF_START).append(name);
      if (dflt >= 0) {
        word.append(REF_DEFAULT).append(inner.substring(dflt + 2));
      }
      word.append(REF_END);
      i = close + 1;
      return;
    }
    if (j < n && text.charAt(j) == '(') {
      int depth = 0;
      int k = j;
      for (; k < n; k++) {
        char c = text.charAt(k);
        if (c == '(') {
          depth++;
        } else if (c == ')' && --depth == 0) {
          break;
        }
      }
      word().append(text, i, Math.min(k + 1, n));
      i = Math.min(k + 1, n);
      return;
    }
    int k = j;
    while (k < n && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '_')) {
      k++;
    }
    if (k == j) {
      append('$');
      i++;
      return;
    }
    word().append(REF_START).append(text, j, k).append(REF_END);
    i = k;
  }

  private void operator(char c) {
    int n = text.length();
    if (c == '&' && i + 1 < n && text.charAt(i + 1) == '>') {
      redirection(); // &> file
      return;
    }
    endWord();
    endCommand();
    i += i + 1 < n && text.charAt(i + 1) == c ? 2 : 1;
  }

  /** Drops a redirection: an fd number before it, the operator, and its target word. */
  private void redirection() {
    if (word != null && !word.isEmpty() && word.chars().allMatch(Character::isDigit)) {
      word = null;
    }
    endWord();
    int n = text.length();
    while (i < n && "<>&".indexOf(text.charAt(i)) >= 0) {
      i++;
    }
    if (i < n
        && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '-')
        && text.charAt(i - 1) == '&') {
      while (i < n && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '-')) {
        i++;
      }
      return; // >&2, 2>&1, >&-
    }
    dropNextWord = true;
  }

  private StringBuilder word() {
    if (word == null) {
      word = new StringBuilder();
    }
    return word;
  }

  private void append(char c) {
    word().append(c);
  }

  private void endWord() {
    if (word == null) {
      return;
    }
    if (dropNextWord) {
      dropNextWord = false;
    } else {
      command.add(word.toString());
    }
    word = null;
  }

  private void endCommand() {
    if (!command.isEmpty()) {
      commands.add(command);
      command = new ArrayList<>();
    }
  }
}
