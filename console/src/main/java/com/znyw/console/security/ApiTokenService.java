package com.znyw.console.security;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.znyw.console.audit.AuditService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * API tokens for scripts calling {@code /api/v1}, created by an ADMIN. A token is shown once; the
 * {@code api_tokens} collection keeps only its SHA-256 hash (tokens carry 256 random bits, so a
 * fast hash is enough and keeps each request cheap).
 */
@Service
public class ApiTokenService {

    public static final String COLLECTION = "api_tokens";
    public static final String PREFIX = "znyw_";

    /** A token as listed: never the secret. */
    public record TokenInfo(String id, String name, String owner, Role role, Instant createdAt,
                            boolean revoked) {
    }

    /** The result of creating a token: the one time the secret is visible. */
    public record CreatedToken(TokenInfo info, String secret) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(ApiTokenService.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final MongoCollection<Document> tokens;
    private final AuditService audit;
    private final Clock clock;

    public ApiTokenService(MongoDatabase database, AuditService audit, Clock clock) {
        this.tokens = database.getCollection(COLLECTION);
        this.audit = audit;
        this.clock = clock;
        tokens.createIndex(Indexes.ascending("hash"), new IndexOptions().unique(true));
    }

    /**
     * Creates a token acting as {@code owner} with at most {@code role}.
     *
     * @throws IllegalArgumentException for an empty or over-long name
     */
    public CreatedToken create(String actor, String name, String owner, Role role) {
        if (name == null || name.isBlank() || name.length() > 100) {
            throw new IllegalArgumentException("invalid token name '" + name
                    + "': use 1 to 100 characters");
        }
        String id = randomText(9);
        String secret = PREFIX + id + "." + randomText(32);
        Date now = Date.from(clock.instant());
        Document doc = new Document("_id", id).append("name", name.trim())
                .append("owner", owner).append("role", role.name())
                .append("hash", sha256(secret)).append("revoked", false)
                .append("createdBy", actor).append("createdAt", now).append("updatedAt", now)
                .append("version", 1L);
        tokens.insertOne(doc);
        audit.record(actor, "token.create", id, "ok", "name=" + name.trim() + " role=" + role);
        LOG.info("Created API token id={} owner={} role={} by={}", id, owner, role, actor);
        return new CreatedToken(toInfo(doc), secret);
    }

    public List<TokenInfo> list() {
        return tokens.find().sort(Sorts.descending("createdAt")).map(ApiTokenService::toInfo)
                .into(new ArrayList<>());
    }

    /** Revokes a token; returns false when no such token exists. */
    public boolean revoke(String actor, String id) {
        long matched = tokens.updateOne(Filters.eq("_id", id), Updates.combine(
                Updates.set("revoked", true), Updates.set("updatedAt", Date.from(clock.instant())),
                Updates.inc("version", 1L))).getMatchedCount();
        audit.record(actor, "token.revoke", id, matched > 0 ? "ok" : "failed", null);
        return matched > 0;
    }

    /** Returns the token matching the presented secret, unless unknown or revoked. */
    public Optional<TokenInfo> verify(String presented) {
        if (presented == null || !presented.startsWith(PREFIX)) {
            return Optional.empty();
        }
        Document doc = tokens.find(Filters.and(Filters.eq("hash", sha256(presented)),
                Filters.eq("revoked", false))).first();
        return Optional.ofNullable(doc).map(ApiTokenService::toInfo);
    }

    private static TokenInfo toInfo(Document doc) {
        return new TokenInfo(doc.getString("_id"), doc.getString("name"), doc.getString("owner"),
                Role.parse(doc.getString("role")), doc.getDate("createdAt").toInstant(),
                doc.getBoolean("revoked", false));
    }

    private static String randomText(int bytes) {
        byte[] buffer = new byte[bytes];
        RANDOM.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
