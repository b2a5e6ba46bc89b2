package dev.llmadvisor.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * OIDC switched on by configuration: a bearer token's {@code groups} are its roles, so an identity
 * provider's {@code advisor-reviewer} group may create waivers; a token without the role, a forged
 * one, or none is refused with the same problem documents as basic authentication.
 */
@QuarkusTest
@TestProfile(OidcProfile.class)
class OidcRolesTest {

  @Test
  void aReviewerTokenCreatesAWaiverRecordedWithItsUser() {
    postWaiver(
            given().auth().oauth2(token("rita", "advisor-reviewer")),
            Waivers.waiver("LICENCE-USER-THRESHOLD-EXCEEDED", Waivers.unique(), Waivers.inDays(30)))
        .statusCode(201)
        .body("approvedBy", equalTo("rita"));
  }

  @Test
  void aTokenWithoutTheRoleIsForbiddenAForgedOneAndNoneAreUnauthorized() {
    postWaiver(given().auth().oauth2(token("sam", "staff")), "{}")
        .statusCode(403)
        .contentType(startsWith("application/problem+json"));
    String forged = token("rita", "advisor-reviewer").replaceAll("\\.[^.]+$", ".AAAA");
    postWaiver(given().auth().oauth2(forged), "{}")
        .statusCode(401)
        .contentType(startsWith("application/problem+json"));
    postWaiver(given(), "{}").statusCode(401).contentType(startsWith("application/problem+json"));
  }

  static ValidatableResponse postWaiver(RequestSpecification request, Object body) {
    return request.contentType(Api.JSON).body(body).post("/api/v1/waivers").then();
  }

  /** An RS256 token as the identity provider would issue it, signed with the fixture's key. */
  static String token(String user, String group) {
    long now = Instant.now().getEpochSecond();
    String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
    String payload =
        "{\"iss\":\"%s\",\"sub\":\"%s\",\"preferred_username\":\"%s\",\"groups\":[\"%s\"],\"iat\":%d,\"exp\":%d}"
            .formatted(OidcProfile.ISSUER, user, user, group, now, now + 300);
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signed =
        b64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    try {
      PrivateKey key =
          KeyFactory.getInstance("RSA")
              .generatePrivate(
                  new PKCS8EncodedKeySpec(
                      Base64.getDecoder().decode(OidcProfile.read("test-idp-private.pkcs8.b64"))));
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initSign(key);
      rs256.update(signed.getBytes(StandardCharsets.US_ASCII));
      return signed + "." + b64.encodeToString(rs256.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
