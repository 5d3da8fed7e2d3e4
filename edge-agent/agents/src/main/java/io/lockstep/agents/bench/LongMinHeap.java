package io.lockstep.agents.bench;

/**
 * A binary min-heap of non-negative {@code long} keys with a fixed capacity, sifting exactly like
 * the pathplan agent's heap so both pop equal keys in the same order.
 */
final class LongMinHeap {

    private final long[] keys;
    private int size;

    LongMinHeap(int capacity) {
        this.keys = new long[capacity];
    }

    void clear() {
        size = 0;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void push(long key) {
        if (size == keys.length) {
            throw new IllegalStateException("heap capacity " + keys.length + " exceeded");
        }
        int i = size++;
        while (i > 0) {
            int up = (i - 1) / 2;
            if (keys[up] <= key) {
                break;
            }
            keys[i] = keys[up];
            i = up;
        }
        keys[i] = key;
    }

    long pop() {
        if (size == 0) {
            throw new IllegalStateException("pop from an empty heap");
        }
        long top = keys[0];
        long last = keys[--size];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && keys[child + 1] < keys[child]) {
                child++;
            }
            if (last <= keys[child]) {
                break;
            }
            keys[i] = keys[child];
            i = child;
        }
        if (size > 0) {
            keys[i] = last;
        }
        return top;
    }
}
