using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCross.Server.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue4LiveCheckout : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "Charges_Discount",
                table: "Orders",
                type: "TEXT",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "LiveCouponClaims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UsedAt",
                table: "LiveCouponClaims",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "FlashSaleClaims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_LiveCouponClaims_OrderId",
                table: "LiveCouponClaims",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_FlashSaleClaims_OrderId",
                table: "FlashSaleClaims",
                column: "OrderId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LiveCouponClaims_OrderId",
                table: "LiveCouponClaims");

            migrationBuilder.DropIndex(
                name: "IX_FlashSaleClaims_OrderId",
                table: "FlashSaleClaims");

            migrationBuilder.DropColumn(
                name: "Charges_Discount",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "LiveCouponClaims");

            migrationBuilder.DropColumn(
                name: "UsedAt",
                table: "LiveCouponClaims");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "FlashSaleClaims");
        }
    }
}
