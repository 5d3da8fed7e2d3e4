package io.lockstep.c2.redis;

import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends many independent commands in one round trip (pipelining), for work that touches many nodes at once: a
 * dispatch to 1,000 nodes or a fleet-wide stop costs a few round trips instead of a few per node. Each command
 * is still atomic on its own (a command or a script); nothing makes the batch as a whole atomic. Blocking: call
 * it from a worker thread, never from an event loop.
 */
@ApplicationScoped
public class RedisPipeline {

    /** Commands per batch: bounds the memory of one request and one answer. */
    private static final int CHUNK = 1_000;
    /** Like quarkus.redis.timeout's default: a Redis that does not answer fails the call instead of hanging it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Redis client;
    private final RedisTopology topology;

    public RedisPipeline(RedisDataSource redis, RedisTopology topology) {
        this.client = redis.getReactive().getRedis();
        this.topology = topology;
    }

    /** The answers, one per request and in the same order. */
    public List<Response> run(List<Request> requests) {
        List<Response> answers = new ArrayList<>(requests.size());
        for (int from = 0; from < requests.size(); from += CHUNK) {
            List<Request> chunk = requests.subList(from, Math.min(requests.size(), from + CHUNK));
            List<Response> part = (topology.cluster() ? sentTogether(chunk) : client.batch(chunk))
                    .await().atMost(TIMEOUT);
            if (part.size() != chunk.size()) {
                throw new IllegalStateException("Redis answered " + part.size() + " of " + chunk.size()
                        + " pipelined commands");
            }
            answers.addAll(part);
        }
        return answers;
    }

    /**
     * Redis Cluster: one batch must stay in one slot, and a fleet's keys are spread over every master, so each
     * command goes on its own, all of them at once (the client still pipelines them per master connection).
     */
    private Uni<List<Response>> sentTogether(List<Request> chunk) {
        if (chunk.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<Response>> sends = new ArrayList<>(chunk.size());
        chunk.forEach(request -> sends.add(client.send(request)));
        return Uni.join().all(sends).andFailFast();
    }

    /**
     * An HGETALL answer as field → value: a RESP3 map, or a RESP2 array of alternating fields and values
     * (the client speaks either, depending on what the server offers).
     */
    public static java.util.Map<String, Response> hash(Response answer) {
        java.util.Map<String, Response> values = new java.util.LinkedHashMap<>();
        if (answer == null || answer.size() == 0) {
            return values;
        }
        java.util.Set<String> keys;
        try {
            keys = answer.getKeys();
        } catch (RuntimeException notAMap) {
            keys = null;
        }
        if (keys != null && !keys.isEmpty()) {
            keys.forEach(key -> values.put(key, answer.get(key)));
            return values;
        }
        if (answer.size() % 2 != 0) {
            throw new IllegalStateException("an HGETALL answer with an odd number of elements");
        }
        for (int i = 0; i + 1 < answer.size(); i += 2) {
            values.put(answer.get(i).toString(), answer.get(i + 1));
        }
        return values;
    }

    /** A request of {@code command} and its arguments. */
    public static Request request(io.vertx.mutiny.redis.client.Command command, Object... args) {
        Request request = Request.cmd(command);
        for (Object arg : args) {
            if (arg instanceof byte[] bytes) {
                request.arg(bytes);
            } else {
                request.arg(String.valueOf(arg));
            }
        }
        return request;
    }
}
