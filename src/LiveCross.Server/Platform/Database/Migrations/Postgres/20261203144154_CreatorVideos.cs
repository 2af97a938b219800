using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace LiveCross.Server.Platform.Database.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CreatorVideos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<Guid>(
                name: "SellerId",
                table: "VideoUploads",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "CreatorId",
                table: "VideoUploads",
                type: "uuid",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "SellerId",
                table: "Videos",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.AddColumn<Guid>(
                name: "CreatorId",
                table: "Videos",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReferredByCreatorId",
                table: "Orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ReferredFromVideoId",
                table: "Orders",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_VideoUploads_CreatorId",
                table: "VideoUploads",
                column: "CreatorId");

            migrationBuilder.AddCheckConstraint(
                name: "CK_VideoUploads_OneOwner",
                table: "VideoUploads",
                sql: "(\"SellerId\" IS NULL) <> (\"CreatorId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_Videos_CreatorId_CreatedAt",
                table: "Videos",
                columns: new[] { "CreatorId", "CreatedAt" });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Videos_OneOwner",
                table: "Videos",
                sql: "(\"SellerId\" IS NULL) <> (\"CreatorId\" IS NULL)");

            migrationBuilder.CreateIndex(
                name: "IX_Orders_ReferredByCreatorId_CreatedAt",
                table: "Orders",
                columns: new[] { "ReferredByCreatorId", "CreatedAt" });

            migrationBuilder.AddForeignKey(
                name: "FK_Videos_AspNetUsers_CreatorId",
                table: "Videos",
                column: "CreatorId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_VideoUploads_AspNetUsers_CreatorId",
                table: "VideoUploads",
                column: "CreatorId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Videos_AspNetUsers_CreatorId",
                table: "Videos");

            migrationBuilder.DropForeignKey(
                name: "FK_VideoUploads_AspNetUsers_CreatorId",
                table: "VideoUploads");

            migrationBuilder.DropIndex(
                name: "IX_VideoUploads_CreatorId",
                table: "VideoUploads");

            migrationBuilder.DropCheckConstraint(
                name: "CK_VideoUploads_OneOwner",
                table: "VideoUploads");

            migrationBuilder.DropIndex(
                name: "IX_Videos_CreatorId_CreatedAt",
                table: "Videos");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Videos_OneOwner",
                table: "Videos");

            migrationBuilder.DropIndex(
                name: "IX_Orders_ReferredByCreatorId_CreatedAt",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "CreatorId",
                table: "VideoUploads");

            migrationBuilder.DropColumn(
                name: "CreatorId",
                table: "Videos");

            migrationBuilder.DropColumn(
                name: "ReferredByCreatorId",
                table: "Orders");

            migrationBuilder.DropColumn(
                name: "ReferredFromVideoId",
                table: "Orders");

            migrationBuilder.AlterColumn<Guid>(
                name: "SellerId",
                table: "VideoUploads",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "SellerId",
                table: "Videos",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
