package com.znyw.console.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.RolesAllowed;
import java.security.Principal;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** API tokens, ADMIN only. The secret is in the creation response and nowhere else. */
@RestController
@RequestMapping("/api/v1/tokens")
@RolesAllowed(Role.ADMIN_NAME)
@Tag(name = "API tokens")
public class TokenApiController {

    /** A token to create: a name to recognise it by and the role it acts with. */
    public record TokenRequest(String name, String role) {
    }

    private final ApiTokenService tokens;

    public TokenApiController(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @GetMapping
    @Operation(summary = "List tokens (without secrets)")
    public List<ApiTokenService.TokenInfo> list() {
        return tokens.list();
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create a token; the response holds the only copy of its secret")
    public ApiTokenService.CreatedToken create(@RequestBody TokenRequest request, Principal principal) {
        if (request == null) {
            throw new IllegalArgumentException("send {\"name\": \"...\", \"role\": \"VIEWER\"}");
        }
        Role role = request.role() == null ? Role.VIEWER : Role.parse(request.role());
        return tokens.create(principal.getName(), request.name(), principal.getName(), role);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke a token")
    public void revoke(@PathVariable String id, Principal principal) {
        if (!tokens.revoke(principal.getName(), id)) {
            throw new IllegalArgumentException("no API token with id '" + id + "': list them with GET /api/v1/tokens");
        }
    }
}
