package io.lockstep.c2.api;

import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import jakarta.annotation.security.RolesAllowed;
import io.lockstep.c2.config.C2Config;
import io.lockstep.c2.module.InvalidModuleException;
import io.lockstep.c2.module.ModuleRecord;
import io.lockstep.c2.module.ModuleStore;
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

/** Agent modules: upload Wasm bytes (validated against agent ABI v1), read their metadata. */
@Path("/api/v1/modules")
@Produces(MediaType.APPLICATION_JSON)
public class ModuleResource {

    private final ModuleStore modules;
    private final C2Config config;

    public ModuleResource(ModuleStore modules, C2Config config) {
        this.modules = modules;
        this.config = config;
    }

    /** 201 when the module is new, 200 when the same bytes were already stored; the body is the same. */
    /** Wasm's registered media type; curl and browsers also send modules as plain octet streams. */
    static final String APPLICATION_WASM = "application/wasm";

    @RolesAllowed("admin")
    @POST
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, APPLICATION_WASM})
    @APIResponse(responseCode = "201", description = "Stored (Location: its URL)", content = @Content(mediaType = "application/json", schema = @Schema(implementation = BlobReceipt.class)))
    @APIResponse(responseCode = "200", description = "The same bytes were already stored", content = @Content(mediaType = "application/json", schema = @Schema(implementation = BlobReceipt.class)))
    public Response upload(@RequestBody(content = {@Content(mediaType = "application/wasm", schema = @Schema(type = SchemaType.STRING, format = "binary")), @Content(mediaType = "application/octet-stream", schema = @Schema(type = SchemaType.STRING, format = "binary"))}, description = "the WebAssembly module bytes (application/wasm or application/octet-stream)") byte[] body) throws InvalidModuleException {
        Uploads.checkSize(body, config.modules().maxBytes(), "module");
        Stored<ModuleRecord> stored = modules.store(body);
        BlobReceipt receipt = new BlobReceipt(stored.record().sha256(), stored.record().size());
        return Response.status(stored.created() ? Status.CREATED : Status.OK)
                .location(URI.create("/api/v1/modules/" + receipt.sha256()))
                .entity(receipt)
                .build();
    }

    @RolesAllowed("viewer")
    @GET
    @Path("/{sha256}")
    public ModuleRecord get(@PathParam("sha256") String sha256) {
        Uploads.checkDigest(sha256);
        return modules.find(sha256).orElseThrow(() -> new ProblemException(Problem.of(Status.NOT_FOUND,
                "unknown-module", "Unknown module", "no module with sha256 " + sha256)));
    }
}
