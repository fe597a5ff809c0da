using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;
using SmartSync.Server;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
    .AddJwtBearer(o => o.TokenValidationParameters = new TokenValidationParameters
    {
        ValidIssuer = builder.Configuration["Jwt:Issuer"],
        ValidAudience = builder.Configuration["Jwt:Audience"],
        IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(builder.Configuration["Jwt:Key"]!)),
    });
builder.Services.AddAuthorization();
builder.Services.AddSmartSyncServer(o => o.DataModelPath = "crm.csdl")
    .UsePostgres(builder.Configuration.GetConnectionString("SmartSync")!);   // or .UseSqlite("sync.db")

var app = builder.Build();
app.UseAuthentication();
app.UseAuthorization();
app.MapSmartSync("/sync").RequireAuthorization();
app.Run();
