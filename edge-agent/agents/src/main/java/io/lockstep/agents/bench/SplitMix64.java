package io.lockstep.agents.bench;

/** The SplitMix64 generator, bit-for-bit as the pathplan agent implements it. */
final class SplitMix64 {

    private long state;

    SplitMix64(long seed) {
        this.state = seed;
    }

    long next() {
        state += 0x9e3779b97f4a7c15L;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** {@code next() % bound} with both read as unsigned, like C's uint64_t arithmetic. */
    long nextBelow(long bound) {
        return Long.remainderUnsigned(next(), bound);
    }
}
