package io.lockstep.c2.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.lockstep.c2.support.C2TestResources;
import io.lockstep.c2.support.Fixtures;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(C2TestResources.class)
class MissionCellsApiTest {

    @Test
    @TestSecurity(user = "ada", roles = {"viewer", "operator", "commander", "admin"})
    void aMissionsCellsAreNumberedOutlinesInsideItsArea() {
        String missionId = Fixtures.createMission(Fixtures.uploadModule());
        JsonPath cells = given().when().get("/api/v1/missions/" + missionId + "/cells").then().statusCode(200)
                .extract().jsonPath();
        assertThat(cells.getString("missionId")).isEqualTo(missionId);
        List<Map<String, Object>> list = cells.getList("cells");
        assertThat(list).isNotEmpty();
        for (int i = 0; i < list.size(); i++) {
            assertThat(cells.getInt("cells[" + i + "].index")).isEqualTo(i);
            assertThat(cells.getList("cells[" + i + "].outline")).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    @TestSecurity(user = "vera", roles = "viewer")
    void anUnknownMissionIs404AndABadIdIs400() {
        given().when().get("/api/v1/missions/no-such-mission/cells").then().statusCode(404);
        given().when().get("/api/v1/missions/..bad/cells").then().statusCode(400);
    }

    @Test
    void withoutATokenTheCellsAreRefused() {
        given().when().get("/api/v1/missions/any/cells").then().statusCode(401);
    }
}
