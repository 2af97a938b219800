using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCross.Server.Platform.Database.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Issue4Draws : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "LiveCoupons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Quantity = table.Column<int>(type: "INTEGER", nullable: false),
                    Claimed = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    AmountOff = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    PercentOff = table.Column<int>(type: "INTEGER", nullable: true),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    MinimumSpend = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveCoupons", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiveCoupons_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LiveCoupons_Sellers_SellerId",
                        column: x => x.SellerId,
                        principalTable: "Sellers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LuckyDraws",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SellerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SessionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Prize = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    PrizeTranslations = table.Column<string>(type: "TEXT", nullable: false),
                    WinnerCount = table.Column<int>(type: "INTEGER", nullable: false),
                    EntryKind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    WatchSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    Phrase = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    StartsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndsAt = table.Column<long>(type: "INTEGER", nullable: false),
                    DrawnAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SealedSeed = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    RevealedSeed = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EntrantCount = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LuckyDraws", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LuckyDraws_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LuckyDraws_Sellers_SellerId",
                        column: x => x.SellerId,
                        principalTable: "Sellers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LiveCouponClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CouponId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RequestKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ClaimedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveCouponClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiveCouponClaims_LiveCoupons_CouponId",
                        column: x => x.CouponId,
                        principalTable: "LiveCoupons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LuckyDrawEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DrawId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Evidence = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EnteredAt = table.Column<long>(type: "INTEGER", nullable: false),
                    WinnerRank = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LuckyDrawEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LuckyDrawEntries_LuckyDraws_DrawId",
                        column: x => x.DrawId,
                        principalTable: "LuckyDraws",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LiveCouponClaims_CouponId_CustomerId",
                table: "LiveCouponClaims",
                columns: new[] { "CouponId", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LiveCouponClaims_CustomerId_ClaimedAt",
                table: "LiveCouponClaims",
                columns: new[] { "CustomerId", "ClaimedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_LiveCoupons_SellerId",
                table: "LiveCoupons",
                column: "SellerId");

            migrationBuilder.CreateIndex(
                name: "IX_LiveCoupons_SessionId",
                table: "LiveCoupons",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_LuckyDrawEntries_DrawId_CustomerId",
                table: "LuckyDrawEntries",
                columns: new[] { "DrawId", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LuckyDraws_SellerId",
                table: "LuckyDraws",
                column: "SellerId");

            migrationBuilder.CreateIndex(
                name: "IX_LuckyDraws_SessionId",
                table: "LuckyDraws",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_LuckyDraws_Status_EndsAt",
                table: "LuckyDraws",
                columns: new[] { "Status", "EndsAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LiveCouponClaims");

            migrationBuilder.DropTable(
                name: "LuckyDrawEntries");

            migrationBuilder.DropTable(
                name: "LiveCoupons");

            migrationBuilder.DropTable(
                name: "LuckyDraws");
        }
    }
}
