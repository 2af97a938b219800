using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCross.Server.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue4EnginePerf : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "FlashSales",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Revision",
                table: "FlashSales");
        }
    }
}
