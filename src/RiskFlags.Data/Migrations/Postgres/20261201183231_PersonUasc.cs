using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskFlags.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PersonUasc : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "uasc",
                table: "people",
                type: "boolean",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "uasc",
                table: "people");
        }
    }
}
