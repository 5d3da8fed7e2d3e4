package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.annotation.security.RolesAllowed;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.module.ModelRecord;
import io.lockstep.c2.module.ModelStore;
import io.lockstep.c2.module.Stored;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import java.net.URI;

/** ONNX models: upload bytes, read their metadata. Nodes fetch them over the link by sha256. */
@Path("/api/v1/models")
@Produces(MediaType.APPLICATION_JSON)
public class ModelResource {

    private final ModelStore models;
    private final C2Config config;

    public ModelResource(ModelStore models, C2Config config) {
        this.models = models;
        this.config = config;
    }

    /** 201 when the model is new, 200 when the same bytes were already stored. */
    @RolesAllowed("admin")
    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @APIResponse(responseCode = "201", description = "Stored (Location: its URL)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = BlobReceipt.class)))
    @APIResponse(responseCode = "200", description = "The same bytes were already stored", content = @Content(mediaType = "application/json", schema = @Schema(implementation = BlobReceipt.class)))
    public Response upload(@RequestBody(content = @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary")), description = "the ONNX model bytes") byte[] body) {
        Uploads.checkSize(body, config.models().maxBytes(), "model");
        Stored<ModelRecord> stored = models.store(body);
        BlobReceipt receipt = new BlobReceipt(stored.record().sha256(), stored.record().size());
        return Response.status(stored.created() ? Status.CREATED : Status.OK)
                .location(URI.create("/api/v1/models/" + receipt.sha256()))
                .entity(receipt)
                .build();
    }

    @RolesAllowed("viewer")
    @GET
    @Path("/{sha256}")
    public ModelRecord get(@PathParam("sha256") String sha256) {
        Uploads.checkDigest(sha256);
        return models.find(sha256).orElseThrow(() -> new ProblemException(Problem.of(Status.NOT_FOUND,
                "unknown-model", "Unknown model", "no model with sha256 " + sha256)));
    }
}
