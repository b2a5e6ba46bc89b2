package dev.llmadvisor.catalogue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Resolves ids and aliases of one catalogue, case-insensitively and ignoring '-', '_' and spaces.
 * Optionally a unique prefix resolves too ("L40S" → L40S-48GB) while a shared one is ambiguous
 * ("A100"). Unknown ids come back with the nearest known ids by edit distance.
 */
public final class IdIndex<T extends CatalogueEntry> {
  private static final int NEAREST = 3;

  private final Map<String, T> byId = new LinkedHashMap<>();
  private final Map<String, T> byKey = new LinkedHashMap<>();
  private final Map<String, Imported<T>> bySourceName = new LinkedHashMap<>();

  /** Each entry's id and the part after its slash as keys, computed once (lookups compare them). */
  private final Map<String, String> idKeys = new LinkedHashMap<>();

  private final Map<String, String> repoKeys = new LinkedHashMap<>();
  private final boolean prefixes;

  /** An entry found by the name a source gives it, with the assumption that mapping records. */
  public record Imported<T>(T entry, String assumption) {}

  /**
   * @param entries the catalogue's entries, ids and aliases already checked to be unique
   * @param prefixes whether a unique prefix of an id resolves to that entry
   */
  public IdIndex(Collection<T> entries, boolean prefixes) {
    this.prefixes = prefixes;
    for (T e : entries) {
      byId.put(e.id(), e);
      byKey.put(key(e.id()), e);
      idKeys.put(e.id(), key(e.id()));
      repoKeys.put(e.id(), key(afterSlash(e.id())));
      for (String alias : e.aliases()) {
        byKey.put(key(alias), e);
      }
      e.importNames()
          .forEach(
              (source, names) ->
                  names.forEach(
                      (name, assumption) ->
                          bySourceName.put(
                              sourceKey(source, name), new Imported<>(e, assumption))));
    }
  }

  /**
   * The entry a source's own name maps to ({@code importNames} in the catalogue), compared
   * case-insensitively; null when the catalogue gives that name to no entry.
   */
  public Imported<T> fromSource(String source, String name) {
    return bySourceName.get(sourceKey(source, name));
  }

  /** Every name the source gives to any entry, in catalogue order: for error messages. */
  public List<String> sourceNames(String source) {
    List<String> names = new ArrayList<>();
    for (T e : byId.values()) {
      names.addAll(e.importNames().getOrDefault(source, Map.of()).keySet());
    }
    return names;
  }

  private static String sourceKey(String source, String name) {
    return source + "=" + name.toLowerCase(Locale.ROOT);
  }

  /** Lower case without '-', '_' and white space (as the regex {@code [-_\s]}). */
  public static String key(String id) {
    String lower = id.toLowerCase(Locale.ROOT);
    StringBuilder b = null;
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      boolean drop = c == '-' || c == '_' || c == ' ' || (c >= '\t' && c <= '\r');
      if (drop && b == null) {
        b = new StringBuilder(lower.length()).append(lower, 0, i);
      } else if (!drop && b != null) {
        b.append(c);
      }
    }
    return b == null ? lower : b.toString();
  }

  public List<T> all() {
    return List.copyOf(byId.values());
  }

  public List<String> ids() {
    return List.copyOf(byId.keySet());
  }

  public T get(String id) {
    T entry = byId.get(id);
    if (entry == null) {
      throw new IllegalArgumentException("no catalogue entry " + id);
    }
    return entry;
  }

  public Lookup<T> lookup(String given) {
    Lookup<T> known = known(given);
    return known != null ? known : new Lookup.Unknown<>(nearest(key(given)));
  }

  /**
   * The entry {@link #lookup} finds, or null when it finds none or several: without the nearest ids
   * an unknown id is answered with, for callers that only need the entry.
   */
  public T entry(String given) {
    return known(given) instanceof Lookup.Found<T> found ? found.entry() : null;
  }

  /**
   * The entry whose id or alias is {@code given} (case, '-', '_' and spaces aside); null otherwise.
   * What {@link #lookup} finds "by id" or "by alias".
   */
  public T idOrAlias(String given) {
    return byKey.get(key(given));
  }

  /** Found or ambiguous; null when unknown. */
  private Lookup<T> known(String given) {
    String k = key(given);
    T exact = byKey.get(k);
    if (exact != null) {
      return new Lookup.Found<>(exact, exact.id().equals(given) ? "id" : "alias");
    }
    List<String> byRepoName = matching(e -> repoKeys.get(e.id()).equals(k));
    if (byRepoName.size() == 1) {
      return new Lookup.Found<>(byId.get(byRepoName.get(0)), "repository name");
    }
    if (prefixes) {
      List<String> candidates = matching(e -> idKeys.get(e.id()).startsWith(k));
      if (candidates.size() == 1) {
        return new Lookup.Found<>(byId.get(candidates.get(0)), "unique prefix");
      }
      if (candidates.size() > 1) {
        return new Lookup.Ambiguous<>(candidates);
      }
    }
    return null;
  }

  private List<String> matching(java.util.function.Predicate<T> test) {
    return byId.values().stream().filter(test).map(CatalogueEntry::id).toList();
  }

  private List<String> nearest(String k) {
    record Scored(String id, int distance) {}
    List<Scored> scored = new ArrayList<>();
    for (T e : byId.values()) {
      int best = distance(k, key(e.id()));
      best = Math.min(best, distance(k, key(afterSlash(e.id()))));
      for (String alias : e.aliases()) {
        best = Math.min(best, distance(k, key(alias)));
      }
      scored.add(new Scored(e.id(), best));
    }
    return scored.stream()
        .sorted(Comparator.comparingInt(Scored::distance).thenComparing(Scored::id))
        .limit(NEAREST)
        .map(Scored::id)
        .toList();
  }

  private static String afterSlash(String id) {
    return id.substring(id.indexOf('/') + 1);
  }

  /** Levenshtein distance, two rows. */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
