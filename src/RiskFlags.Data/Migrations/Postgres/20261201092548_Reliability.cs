using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskFlags.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Reliability : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_enrolments_programme_id_status_queued_at",
                table: "enrolments");

            migrationBuilder.AddColumn<long>(
                name: "ticket",
                table: "enrolments",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AlterColumn<string>(
                name: "role",
                table: "audit",
                type: "character varying(100)",
                maxLength: 100,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.CreateTable(
                name: "audit_families",
                columns: table => new
                {
                    audit_id = table.Column<long>(type: "bigint", nullable: false),
                    family_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_families", x => new { x.audit_id, x.family_id });
                    table.ForeignKey(
                        name: "FK_audit_families_audit_audit_id",
                        column: x => x.audit_id,
                        principalTable: "audit",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "programme_queues",
                columns: table => new
                {
                    programme_id = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    next_ticket = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_programme_queues", x => x.programme_id);
                });

            migrationBuilder.CreateTable(
                name: "store_info",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    demo = table.Column<bool>(type: "boolean", nullable: false),
                    demo_detail = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    data_version = table.Column<long>(type: "bigint", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_store_info", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_enrolments_programme_id_status_ticket",
                table: "enrolments",
                columns: new[] { "programme_id", "status", "ticket" });

            migrationBuilder.CreateIndex(
                name: "IX_audit_families_family_id",
                table: "audit_families",
                column: "family_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "audit_families");

            migrationBuilder.DropTable(
                name: "programme_queues");

            migrationBuilder.DropTable(
                name: "store_info");

            migrationBuilder.DropIndex(
                name: "IX_enrolments_programme_id_status_ticket",
                table: "enrolments");

            migrationBuilder.DropColumn(
                name: "ticket",
                table: "enrolments");

            migrationBuilder.AlterColumn<string>(
                name: "role",
                table: "audit",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(100)",
                oldMaxLength: 100);

            migrationBuilder.CreateIndex(
                name: "IX_enrolments_programme_id_status_queued_at",
                table: "enrolments",
                columns: new[] { "programme_id", "status", "queued_at" });
        }
    }
}
