package io.lockstep.edge.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** A mesh in a test: the tokens a test says are live, and messages it hands in or takes out. */
final class FakeSwarmChannel implements SwarmChannel {
    final Set<String> live = new TreeSet<>();
    final List<Received> coverageIn = new ArrayList<>();
    final List<Received> digestsIn = new ArrayList<>();
    final List<byte[]> coverageOut = new ArrayList<>();
    final List<byte[]> digestsOut = new ArrayList<>();
    Supplier<byte[]> answer;

    @Override
    public Set<String> liveMemberKeys() {
        return new TreeSet<>(live);
    }

    @Override
    public String memberKey(String nodeId) {
        return nodeId;
    }

    @Override
    public void join(String missionId, Supplier<byte[]> coverageAnswer) {
        answer = coverageAnswer;
    }

    @Override
    public void leave(String missionId) {
        answer = null;
    }

    @Override
    public void publishCoverage(String missionId, byte[] coverage) {
        coverageOut.add(coverage);
    }

    @Override
    public void publishDigest(String missionId, byte[] digest) {
        digestsOut.add(digest);
    }

    @Override
    public List<Received> drainCoverage(String missionId) {
        List<Received> out = new ArrayList<>(coverageIn);
        coverageIn.clear();
        return out;
    }

    @Override
    public List<Received> drainDigests(String missionId) {
        List<Received> out = new ArrayList<>(digestsIn);
        digestsIn.clear();
        return out;
    }
}
