package io.lockstep.swarm.rightofway;

import io.lockstep.swarm.allocation.NodeIds;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who waits for whom: an edge {@code a -> b} when {@code a} wants a zone that {@code b} has. Built from the
 * intents alone, so every node with the same intents has the same graph. Cycles are broken deterministically:
 * in every strongly connected component of two or more nodes the one that comes last in the priority order is
 * the victim (it backs out and releases its zones); victims are removed and the search repeats until no cycle
 * is left. Iteration is in node id order throughout (never hash order).
 */
public final class WaitForGraph {

    private final Map<String, SortedSet<String>> edges = new TreeMap<>(NodeIds.ORDER);

    public void addEdge(String waiter, String holder) {
        if (waiter.equals(holder)) {
            throw new IllegalArgumentException("a node does not wait for itself: " + waiter);
        }
        edges.computeIfAbsent(waiter, k -> new TreeSet<>(NodeIds.ORDER)).add(holder);
        edges.computeIfAbsent(holder, k -> new TreeSet<>(NodeIds.ORDER));
    }

    public SortedSet<String> waitsFor(String node) {
        return edges.getOrDefault(node, new TreeSet<>(NodeIds.ORDER));
    }

    public Set<String> nodes() {
        return edges.keySet();
    }

    /**
     * The victims that break every cycle, in node id order.
     *
     * @param firstFirst the priority order on node ids (below zero: the first goes first)
     */
    public SortedSet<String> victims(Comparator<String> firstFirst) {
        SortedSet<String> victims = new TreeSet<>(NodeIds.ORDER);
        while (true) {
            List<List<String>> cycles = cyclicComponents(victims);
            if (cycles.isEmpty()) {
                return victims;
            }
            for (List<String> component : cycles) {
                victims.add(component.stream().max(firstFirst).orElseThrow());
            }
        }
    }

    /** True when the graph without {@code removed} has no cycle. */
    public boolean acyclicWithout(Set<String> removed) {
        return cyclicComponents(removed).isEmpty();
    }

    /** Tarjan's algorithm over the nodes not removed; components of two or more nodes. */
    private List<List<String>> cyclicComponents(Set<String> removed) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>(NodeIds.ORDER);
        List<List<String>> out = new ArrayList<>();
        int[] counter = {0};
        for (String start : edges.keySet()) {
            if (!removed.contains(start) && !index.containsKey(start)) {
                strongConnect(start, removed, index, low, stack, onStack, out, counter);
            }
        }
        return out;
    }

    // Iterative form of Tarjan's recursion, so a long chain of waits cannot overflow the stack.
    private void strongConnect(String root, Set<String> removed, Map<String, Integer> index, Map<String, Integer> low,
            Deque<String> stack, Set<String> onStack, List<List<String>> out, int[] counter) {
        Deque<Object[]> work = new ArrayDeque<>();
        work.push(new Object[] {root, new ArrayList<>(edges.get(root)).iterator()});
        index.put(root, counter[0]);
        low.put(root, counter[0]++);
        stack.push(root);
        onStack.add(root);
        while (!work.isEmpty()) {
            Object[] frame = work.peek();
            String v = (String) frame[0];
            @SuppressWarnings("unchecked")
            java.util.Iterator<String> next = (java.util.Iterator<String>) frame[1];
            boolean descended = false;
            while (next.hasNext()) {
                String w = next.next();
                if (removed.contains(w)) {
                    continue;
                }
                if (!index.containsKey(w)) {
                    index.put(w, counter[0]);
                    low.put(w, counter[0]++);
                    stack.push(w);
                    onStack.add(w);
                    work.push(new Object[] {w, new ArrayList<>(edges.get(w)).iterator()});
                    descended = true;
                    break;
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (descended) {
                continue;
            }
            work.pop();
            if (!work.isEmpty()) {
                String parent = (String) work.peek()[0];
                low.put(parent, Math.min(low.get(parent), low.get(v)));
            }
            if (low.get(v).equals(index.get(v))) {
                List<String> component = new ArrayList<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                if (component.size() > 1) {
                    component.sort(NodeIds.ORDER);
                    out.add(component);
                }
            }
        }
    }
}
