using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCross.Server.Platform.Database.Migrations.Postgres
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
                type: "numeric(18,4)",
                precision: 18,
                scale: 4,
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "LiveCouponClaims",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UsedAt",
                table: "LiveCouponClaims",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Revision",
                table: "FlashSales",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<Guid>(
                name: "OrderId",
                table: "FlashSaleClaims",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LivePins",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    PinnedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    PinnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UnpinnedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
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
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    RecordingStartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordingPath = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    RecordingDoneAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    VideoUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DurationSeconds = table.Column<double>(type: "double precision", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    LastError = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
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
