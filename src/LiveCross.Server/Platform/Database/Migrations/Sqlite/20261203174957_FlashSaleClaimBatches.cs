using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCross.Server.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FlashSaleClaimBatches : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FlashSaleClaimBatches",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SaleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    PayBefore = table.Column<long>(type: "INTEGER", nullable: false),
                    Claims = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlashSaleClaimBatches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FlashSaleClaimBatches_FlashSales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "FlashSales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FlashSaleClaimBatches_SaleId",
                table: "FlashSaleClaimBatches",
                column: "SaleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FlashSaleClaimBatches");
        }
    }
}
