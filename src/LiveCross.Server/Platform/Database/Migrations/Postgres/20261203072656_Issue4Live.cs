using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCross.Server.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issue4Live : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FlashSales",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false),
                    VariantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Sku = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Claimed = table.Column<int>(type: "integer", nullable: false),
                    Price = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    PerCustomerLimit = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlashSales", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FlashSales_Sellers_SellerId",
                        column: x => x.SellerId,
                        principalTable: "Sellers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FlashSales_Variants_VariantId",
                        column: x => x.VariantId,
                        principalTable: "Variants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LiveSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    HostAccountId = table.Column<Guid>(type: "uuid", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    DefaultLocale = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ScheduledStart = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    EndedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    StreamKeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StreamKeyHint = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiveSessions_AspNetUsers_HostAccountId",
                        column: x => x.HostAccountId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LiveSessions_Sellers_SellerId",
                        column: x => x.SellerId,
                        principalTable: "Sellers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FlashSaleClaims",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SaleId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PayBefore = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlashSaleClaims", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FlashSaleClaims_FlashSales_SaleId",
                        column: x => x.SaleId,
                        principalTable: "FlashSales",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiveCoupons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Claimed = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    AmountOff = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    PercentOff = table.Column<int>(type: "integer", nullable: true),
                    Currency = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    MinimumSpend = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                name: "LiveRoomSanctions",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    ByUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveRoomSanctions", x => new { x.SessionId, x.UserId, x.Kind });
                    table.ForeignKey(
                        name: "FK_LiveRoomSanctions_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiveRoomStats",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Likes = table.Column<long>(type: "bigint", nullable: false),
                    PeakViewers = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveRoomStats", x => x.SessionId);
                    table.ForeignKey(
                        name: "FK_LiveRoomStats_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiveSessionMarkets",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    MarketCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveSessionMarkets", x => new { x.SessionId, x.MarketCode });
                    table.ForeignKey(
                        name: "FK_LiveSessionMarkets_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiveSessionProducts",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    ProductId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveSessionProducts", x => new { x.SessionId, x.Position });
                    table.ForeignKey(
                        name: "FK_LiveSessionProducts_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_LiveSessionProducts_Products_ProductId",
                        column: x => x.ProductId,
                        principalTable: "Products",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LiveSessionTitles",
                columns: table => new
                {
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Locale = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveSessionTitles", x => new { x.SessionId, x.Locale });
                    table.ForeignKey(
                        name: "FK_LiveSessionTitles_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LiveSessionTransitions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    To = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Actor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LiveSessionTransitions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LiveSessionTransitions_LiveSessions_SessionId",
                        column: x => x.SessionId,
                        principalTable: "LiveSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "LuckyDraws",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SellerId = table.Column<Guid>(type: "uuid", nullable: false),
                    SessionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Prize = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    PrizeTranslations = table.Column<string>(type: "text", nullable: false),
                    WinnerCount = table.Column<int>(type: "integer", nullable: false),
                    EntryKind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    WatchSeconds = table.Column<int>(type: "integer", nullable: false),
                    Phrase = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    StartsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    DrawnAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Commitment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SealedSeed = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    RevealedSeed = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    EntrantCount = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CouponId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ClaimedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DrawId = table.Column<Guid>(type: "uuid", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Evidence = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EnteredAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    WinnerRank = table.Column<int>(type: "integer", nullable: true)
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
                name: "IX_FlashSaleClaims_SaleId_CustomerId_RequestKey",
                table: "FlashSaleClaims",
                columns: new[] { "SaleId", "CustomerId", "RequestKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_FlashSaleClaims_Status_PayBefore",
                table: "FlashSaleClaims",
                columns: new[] { "Status", "PayBefore" });

            migrationBuilder.CreateIndex(
                name: "IX_FlashSales_SellerId_CreatedAt",
                table: "FlashSales",
                columns: new[] { "SellerId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FlashSales_SessionId",
                table: "FlashSales",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_FlashSales_VariantId",
                table: "FlashSales",
                column: "VariantId");

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
                name: "IX_LiveSessionMarkets_MarketCode",
                table: "LiveSessionMarkets",
                column: "MarketCode");

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessionProducts_ProductId",
                table: "LiveSessionProducts",
                column: "ProductId");

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessions_HostAccountId",
                table: "LiveSessions",
                column: "HostAccountId");

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessions_SellerId_ScheduledStart",
                table: "LiveSessions",
                columns: new[] { "SellerId", "ScheduledStart" });

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessions_Status_ScheduledStart",
                table: "LiveSessions",
                columns: new[] { "Status", "ScheduledStart" });

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessions_StreamKeyHash",
                table: "LiveSessions",
                column: "StreamKeyHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_LiveSessionTransitions_SessionId_At",
                table: "LiveSessionTransitions",
                columns: new[] { "SessionId", "At" });

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
                name: "FlashSaleClaims");

            migrationBuilder.DropTable(
                name: "LiveCouponClaims");

            migrationBuilder.DropTable(
                name: "LiveRoomSanctions");

            migrationBuilder.DropTable(
                name: "LiveRoomStats");

            migrationBuilder.DropTable(
                name: "LiveSessionMarkets");

            migrationBuilder.DropTable(
                name: "LiveSessionProducts");

            migrationBuilder.DropTable(
                name: "LiveSessionTitles");

            migrationBuilder.DropTable(
                name: "LiveSessionTransitions");

            migrationBuilder.DropTable(
                name: "LuckyDrawEntries");

            migrationBuilder.DropTable(
                name: "FlashSales");

            migrationBuilder.DropTable(
                name: "LiveCoupons");

            migrationBuilder.DropTable(
                name: "LuckyDraws");

            migrationBuilder.DropTable(
                name: "LiveSessions");
        }
    }
}
