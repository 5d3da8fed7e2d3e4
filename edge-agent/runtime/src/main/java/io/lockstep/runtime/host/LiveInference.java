package io.lockstep.runtime.host;

import io.lockstep.runtime.InferenceException;
import io.lockstep.runtime.InferenceService;
import java.util.ArrayList;
import java.util.List;

/**
 * Calls the model service, quantizes outputs to multiples of 2^-16 and records every call for the journal.
 * A non-finite output or a failure becomes {@code EUNAVAILABLE}; an unknown model {@code ENOTFOUND}.
 */
public final class LiveInference implements InferenceGateway {
    /** Outputs larger than this are refused as a service failure; keeps journal records bounded. */
    public static final int MAX_OUTPUTS = 1 << 20;
    private static final float GRID = 65536f;

    private final InferenceService service;
    private final List<InferenceRecord> recorded = new ArrayList<>();

    public LiveInference(InferenceService service) {
        this.service = service;
    }

    @Override
    public InferenceRecord infer(int agentIndex, String model, float[] input) {
        InferenceRecord record;
        try {
            float[] out = service.infer(model, input.clone());
            record = out == null || out.length > MAX_OUTPUTS
                    ? new InferenceRecord(agentIndex, model, HostCodes.EUNAVAILABLE, new float[0])
                    : quantized(agentIndex, model, out);
        } catch (InferenceException e) {
            record = new InferenceRecord(agentIndex, model,
                    e.modelNotFound() ? HostCodes.ENOTFOUND : HostCodes.EUNAVAILABLE, new float[0]);
        } catch (RuntimeException e) {
            record = new InferenceRecord(agentIndex, model, HostCodes.EUNAVAILABLE, new float[0]);
        }
        recorded.add(record);
        return record;
    }

    private static InferenceRecord quantized(int agentIndex, String model, float[] out) {
        float[] q = new float[out.length];
        for (int i = 0; i < out.length; i++) {
            if (!Float.isFinite(out[i])) {
                return new InferenceRecord(agentIndex, model, HostCodes.EUNAVAILABLE, new float[0]);
            }
            q[i] = (float) (Math.rint((double) out[i] * GRID) / GRID);
        }
        return new InferenceRecord(agentIndex, model, q.length, q);
    }

    /** Calls made since the last drain, in call order; clears the list. */
    public List<InferenceRecord> drain() {
        List<InferenceRecord> out = List.copyOf(recorded);
        recorded.clear();
        return out;
    }
}
