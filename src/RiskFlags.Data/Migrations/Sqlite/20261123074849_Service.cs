using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskFlags.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Service : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "audit",
                columns: table => new
                {
                    id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    caller = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    role = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    action = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    family_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "decisions",
                columns: table => new
                {
                    decision_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    suggestion_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    decision = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    worker = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    recorded_by = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_decisions", x => x.decision_id);
                });

            migrationBuilder.CreateTable(
                name: "suggestions",
                columns: table => new
                {
                    suggestion_id = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    family_id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    pathway = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    programme = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    rule = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    risk_score = table.Column<double>(type: "REAL", nullable: false),
                    as_of = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    model_version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    rules_version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    local_area = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_suggestions", x => x.suggestion_id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_events_date",
                table: "events",
                column: "date");

            migrationBuilder.CreateIndex(
                name: "IX_audit_at",
                table: "audit",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "IX_audit_family_id",
                table: "audit",
                column: "family_id");

            migrationBuilder.CreateIndex(
                name: "IX_decisions_suggestion_id",
                table: "decisions",
                column: "suggestion_id");

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_family_id_pathway_programme",
                table: "suggestions",
                columns: new[] { "family_id", "pathway", "programme" },
                unique: true,
                filter: "status IN ('open', 'deferred')");

            migrationBuilder.CreateIndex(
                name: "IX_suggestions_status_risk_score",
                table: "suggestions",
                columns: new[] { "status", "risk_score" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit");

            migrationBuilder.DropTable(
                name: "decisions");

            migrationBuilder.DropTable(
                name: "suggestions");

            migrationBuilder.DropIndex(
                name: "IX_events_date",
                table: "events");
        }
    }
}
