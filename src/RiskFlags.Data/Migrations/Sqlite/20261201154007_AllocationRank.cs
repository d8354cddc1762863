using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskFlags.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AllocationRank : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "allocation_rank",
                table: "suggestions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ranked_at",
                table: "suggestions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "within_places",
                table: "suggestions",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "allocation_rank",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "ranked_at",
                table: "suggestions");

            migrationBuilder.DropColumn(
                name: "within_places",
                table: "suggestions");
        }
    }
}
