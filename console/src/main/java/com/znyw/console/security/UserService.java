package com.znyw.console.security;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.znyw.console.audit.AuditService;
import com.znyw.console.config.ZnywProperties;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Users in MongoDB's {@code users} collection, with bcrypt-hashed passwords. */
@Service
public class UserService {

    public static final String COLLECTION = "users";
    public static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{2,64}");
    public static final int MIN_PASSWORD_LENGTH = 10;

    private static final Logger LOG = LoggerFactory.getLogger(UserService.class);

    private final MongoCollection<Document> users;
    private final PasswordEncoder encoder;
    private final AuditService audit;
    private final Clock clock;
    private final String defaultZone;

    public UserService(MongoDatabase database, PasswordEncoder encoder, AuditService audit,
                       Clock clock, ZnywProperties properties) {
        this.users = database.getCollection(COLLECTION);
        this.encoder = encoder;
        this.audit = audit;
        this.clock = clock;
        this.defaultZone = properties.ui().zone();
    }

    public Optional<UserAccount> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        Document doc = users.find(Filters.eq("_id", username)).first();
        return Optional.ofNullable(doc).map(UserService::toAccount);
    }

    public List<UserAccount> list() {
        return users.find().sort(Sorts.ascending("_id")).map(UserService::toAccount)
                .into(new ArrayList<>());
    }

    public boolean anyAdmin() {
        return users.countDocuments(Filters.eq("role", Role.ADMIN.name())) > 0;
    }

    /**
     * Creates a user.
     *
     * @throws IllegalArgumentException for a bad name or a short password, naming the rule
     * @throws IllegalStateException    when the name is taken
     */
    public UserAccount create(String actor, String username, String password, Role role) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new IllegalArgumentException("invalid user name '" + username
                    + "': use 2 to 64 characters from A-Z a-z 0-9 _ . @ -");
        }
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw new IllegalArgumentException("the password of '" + username + "' is too short: use at least "
                    + MIN_PASSWORD_LENGTH + " characters");
        }
        Date now = Date.from(clock.instant());
        Document doc = new Document("_id", username)
                .append("passwordHash", encoder.encode(password))
                .append("role", role.name())
                .append("locale", "zh-CN")
                .append("zone", defaultZone)
                .append("enabled", true)
                .append("version", 1L)
                .append("createdAt", now)
                .append("updatedAt", now);
        try {
            users.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new IllegalStateException("user '" + username + "' already exists: choose another name");
            }
            throw e;
        }
        audit.record(actor, "user.create", username, "ok", "role=" + role);
        LOG.info("Created user username={} role={} by={}", username, role, actor);
        return toAccount(doc);
    }

    /** Stores the user's language choice; returns false when the user does not exist. */
    public boolean updateLocale(String username, String languageTag) {
        String tag = com.znyw.console.i18n.ZnywI18NProvider.fromTag(languageTag).toLanguageTag();
        long matched = users.updateOne(Filters.eq("_id", username), Updates.combine(
                Updates.set("locale", tag), Updates.set("updatedAt", Date.from(clock.instant())),
                Updates.inc("version", 1L))).getMatchedCount();
        if (matched > 0) {
            audit.record(username, "user.locale", username, "ok", "locale=" + tag);
        }
        return matched > 0;
    }

    /**
     * Stores the user's time zone.
     *
     * @throws IllegalArgumentException naming an unknown zone id
     */
    public void updateZone(String username, String zone) {
        try {
            ZoneId.of(zone);
        } catch (DateTimeException | NullPointerException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone
                    + "': use a region id such as Asia/Shanghai or UTC");
        }
        users.updateOne(Filters.eq("_id", username), Updates.combine(Updates.set("zone", zone),
                Updates.set("updatedAt", Date.from(clock.instant())), Updates.inc("version", 1L)));
        audit.record(username, "user.zone", username, "ok", "zone=" + zone);
    }

    static UserAccount toAccount(Document doc) {
        return new UserAccount(doc.getString("_id"), doc.getString("passwordHash"),
                Role.parse(doc.getString("role")), doc.getString("locale"),
                doc.getString("zone"), doc.getBoolean("enabled", true),
                ((Number) doc.get("version", 1L)).longValue(), instant(doc.getDate("createdAt")),
                instant(doc.getDate("updatedAt")));
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
