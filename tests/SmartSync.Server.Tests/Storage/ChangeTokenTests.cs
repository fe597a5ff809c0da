using System.Text;
using SmartSync.Server.Storage;

namespace SmartSync.Server.Tests.Storage;

/// <summary>Paging and delta tokens: opaque, signed, and faithful to every user id a claim can carry.</summary>
public sealed class ChangeTokenTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes("a key of thirty-two bytes or more!!");

    [Theory]
    [InlineData("7b0f3c1e-0000-4000-8000-000000000001")]
    [InlineData("auth0|5f7c8ec7c33c6c004bbafe82")]   // Auth0's sub claim
    [InlineData("a|b|c|d|e|f|g|h|i")]
    [InlineData("ünïcødé user")]
    public void A_token_round_trips_whatever_the_user_id(string userId)
    {
        var token = new ChangeToken(TokenScope.Shared, "account", userId, 5, 17, 42, 3);

        Assert.Equal(token, ChangeToken.TryDecode(token.Encode(Key), Key));
    }

    [Fact]
    public void A_token_signed_with_another_key_or_altered_is_refused()
    {
        var encoded = new ChangeToken(TokenScope.Owned, "account", "user-1", 0, 0, 9, 1).Encode(Key);

        Assert.Null(ChangeToken.TryDecode(encoded, Encoding.UTF8.GetBytes("another key of thirty-two bytes!!!")));
        Assert.Null(ChangeToken.TryDecode((encoded[0] == 'A' ? "B" : "A") + encoded[1..], Key));
        Assert.Null(ChangeToken.TryDecode("not a token", Key));
    }
}
