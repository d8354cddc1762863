using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskFlags.Data.Migrations.Sqlite
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
                type: "INTEGER",
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
