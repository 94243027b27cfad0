package org.hotlinerelay.benchmarks;

import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds which X25519 code a Tink primitive really holds, by walking its object graph: Tink's HPKE
 * KEM keeps either {@code X25519Conscrypt} or {@code X25519HpkeKem$X25519Java}, chosen when the
 * primitive is made. The benchmark checks it so that a figure can never be labelled with the wrong
 * implementation.
 */
final class X25519Probe {
  static final String CONSCRYPT = "com.google.crypto.tink.hybrid.internal.X25519Conscrypt";
  static final String PURE_JAVA = "com.google.crypto.tink.hybrid.internal.X25519HpkeKem$X25519Java";
  private static final int MAX_OBJECTS = 10_000;

  private X25519Probe() {}

  /** Names of the X25519 classes reachable from {@code root} (normally exactly one). */
  static Set<String> implementationsIn(Object root) {
    Set<String> found = new TreeSet<>();
    Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Object> todo = new ArrayDeque<>();
    todo.add(root);
    while (!todo.isEmpty() && seen.size() < MAX_OBJECTS) {
      Object next = todo.poll();
      if (next == null || !seen.add(next)) {
        continue;
      }
      Class<?> type = next.getClass();
      if (type.getName().equals(CONSCRYPT) || type.getName().equals(PURE_JAVA)) {
        found.add(type.getName());
        continue;
      }
      if (type.isArray()) {
        if (!type.getComponentType().isPrimitive()) {
          for (int i = 0; i < Array.getLength(next); i++) {
            todo.add(Array.get(next, i));
          }
        }
      } else if (next instanceof Map<?, ?> map) {
        todo.addAll(map.keySet());
        todo.addAll(map.values());
      } else if (next instanceof Iterable<?> iterable) {
        iterable.forEach(todo::add);
      } else if (!isPlatformClass(type)) {
        addFields(next, type, todo);
      }
    }
    return found;
  }

  private static void addFields(Object object, Class<?> type, Deque<Object> todo) {
    for (Class<?> c = type; c != null && !isPlatformClass(c); c = c.getSuperclass()) {
      for (Field field : c.getDeclaredFields()) {
        if (Modifier.isStatic(field.getModifiers()) || field.getType().isPrimitive()) {
          continue;
        }
        try {
          field.setAccessible(true);
          todo.add(field.get(object));
        } catch (ReflectiveOperationException | RuntimeException inaccessible) {
          // A module we cannot open holds nothing of Tink's.
        }
      }
    }
  }

  private static boolean isPlatformClass(Class<?> type) {
    String name = type.getName();
    return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || name.startsWith("sun.");
  }
}
