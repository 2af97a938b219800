using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCross.Server.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue4LiveCommerce : Migration
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

            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "FlashSales",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "FlashSaleClaims",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LivePins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ProductId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PinnedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    PinnedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UnpinnedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LivePins", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LivePins_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LivePins_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LiveReplays",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    RecordingStartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordingPath = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RecordingDoneAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VideoUrl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    DurationSeconds = table.Column<double>(type: "REAL", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveReplays", x => x.SessionId);
                    table.ForeignKey(
                        name: "FK_LiveReplays_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LiveCouponClaims_OrderId",
                table: "LiveCouponClaims",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_FlashSaleClaims_OrderId",
                table: "FlashSaleClaims",
                column: "OrderId");

            migrationBuilder.CreateIndex(
                name: "IX_LivePins_ProductId",
                table: "LivePins",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_LivePins_SessionId_PinnedAt",
                table: "LivePins",
                columns: new[] { "SessionId", "PinnedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiveReplays_Status_NextAttemptAt",
                table: "LiveReplays",
                columns: new[] { "Status", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LivePins");

            migrationBuilder.DropTable(
                name: "LiveReplays");

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
                name: "Revision",
                table: "FlashSales");

            migrationBuilder.DropColumn(
                name: "OrderId",
                table: "FlashSaleClaims");
        }
    }
}
