using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskFlags.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    event_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    person_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    detail = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_events", x => new { x.source, x.event_id });
                });

            migrationBuilder.CreateTable(
                name: "families",
                columns: table => new
                {
                    family_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    local_area = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    deprivation_decile = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_families", x => x.family_id);
                });

            migrationBuilder.CreateTable(
                name: "people",
                columns: table => new
                {
                    person_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    family_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    birth_date = table.Column<DateOnly>(type: "date", nullable: true),
                    sex = table.Column<string>(type: "character varying(1)", maxLength: 1, nullable: true),
                    ethnicity = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    care_experienced = table.Column<bool>(type: "boolean", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_people", x => new { x.person_id, x.family_id });
                });

            migrationBuilder.CreateIndex(
                name: "IX_events_person_id",
                table: "events",
                column: "person_id");

            migrationBuilder.CreateIndex(
                name: "IX_people_family_id",
                table: "people",
                column: "family_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "families");

            migrationBuilder.DropTable(
                name: "people");
        }
    }
}
